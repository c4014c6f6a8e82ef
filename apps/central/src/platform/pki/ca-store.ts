import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCertificateAuthority,
  decryptPrivateKey,
  encryptPrivateKey,
  type CertificateAuthority,
} from '@printbeat/pki';
import type { Logger } from 'pino';

const FILES = {
  rootCert: 'root.crt',
  rootKey: 'root.key.enc',
  issuingCert: 'issuing.crt',
  issuingKey: 'issuing.key.enc',
} as const;

/** Root lifetime; the issuing CA lives as long. Agents renew their own certificates long before. */
const CA_VALIDITY_DAYS = 10 * 365;

/**
 * Central's CA lives in `<pkiDir>/ca/`: certificates in the clear, private keys as encrypted
 * PKCS#8 (passphrase from config). Created on first start, reused after. Several replicas
 * share one CA by mounting the same `pkiDir`: the directory appears atomically (written
 * aside, then renamed), so two replicas starting together end up using the same CA.
 */
export async function loadOrCreateCertificateAuthority(options: {
  pkiDir: string;
  passphrase: string;
  log: Logger;
  modulusLength?: 2048 | 3072 | 4096;
}): Promise<CertificateAuthority> {
  const caDir = join(options.pkiDir, 'ca');
  const existing = readCa(caDir, options.passphrase);
  if (existing) return existing;

  mkdirSync(options.pkiDir, { recursive: true, mode: 0o700 });
  const ca = await createCertificateAuthority({
    commonName: 'Printbeat Central CA',
    validityDays: CA_VALIDITY_DAYS,
    ...(options.modulusLength ? { modulusLength: options.modulusLength } : {}),
  });
  const staging = join(options.pkiDir, `.ca-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  writeFileSync(join(staging, FILES.rootCert), ca.root.certPem, { mode: 0o644 });
  writeFileSync(join(staging, FILES.issuingCert), ca.issuing.certPem, { mode: 0o644 });
  writeFileSync(
    join(staging, FILES.rootKey),
    encryptPrivateKey(ca.root.keyPem, options.passphrase),
    { mode: 0o600 },
  );
  writeFileSync(
    join(staging, FILES.issuingKey),
    encryptPrivateKey(ca.issuing.keyPem, options.passphrase),
    { mode: 0o600 },
  );
  try {
    renameSync(staging, caDir);
    chmodSync(caDir, 0o700);
    options.log.info({ caDir }, 'created central CA');
    return ca;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // Another replica won the race: use its CA.
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      const theirs = readCa(caDir, options.passphrase);
      if (theirs) return theirs;
    }
    throw error;
  }
}

function readCa(caDir: string, passphrase: string): CertificateAuthority | null {
  let rootCert: string;
  try {
    rootCert = readFileSync(join(caDir, FILES.rootCert), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // A wrong passphrase throws WRONG_PASSPHRASE: better to refuse to start than to mint a new CA.
  return {
    root: {
      certPem: rootCert,
      keyPem: decryptPrivateKey(readFileSync(join(caDir, FILES.rootKey), 'utf8'), passphrase),
    },
    issuing: {
      certPem: readFileSync(join(caDir, FILES.issuingCert), 'utf8'),
      keyPem: decryptPrivateKey(readFileSync(join(caDir, FILES.issuingKey), 'utf8'), passphrase),
    },
  };
}
