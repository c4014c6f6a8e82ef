import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PkiError } from '@printbeat/pki';
import pino from 'pino';
import { loadOrCreateCertificateAuthority } from './ca-store.js';

const log = pino({ level: 'silent' });

describe('loadOrCreateCertificateAuthority', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-ca-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the CA once with encrypted keys (0600) and reuses it on restart', async () => {
    const passphrase = 'a passphrase of some length';
    const first = await loadOrCreateCertificateAuthority({
      pkiDir: dir,
      passphrase,
      log,
      modulusLength: 2048,
    });
    const caDir = join(dir, 'ca');
    expect(readdirSync(caDir).sort()).toEqual([
      'issuing.crt',
      'issuing.key.enc',
      'root.crt',
      'root.key.enc',
    ]);
    for (const key of ['root.key.enc', 'issuing.key.enc']) {
      expect(readFileSync(join(caDir, key), 'utf8')).toContain(
        '-----BEGIN ENCRYPTED PRIVATE KEY-----',
      );
      expect(statSync(join(caDir, key)).mode & 0o777).toBe(0o600);
    }
    expect(readdirSync(dir)).toEqual(['ca']);

    const again = await loadOrCreateCertificateAuthority({
      pkiDir: dir,
      passphrase,
      log,
      modulusLength: 2048,
    });
    expect(again.root.certPem).toBe(first.root.certPem);
    expect(again.issuing.keyPem).toBe(first.issuing.keyPem);
  }, 60_000);

  it('refuses to start with the wrong passphrase instead of minting a new CA', async () => {
    await loadOrCreateCertificateAuthority({
      pkiDir: dir,
      passphrase: 'the right passphrase!',
      log,
      modulusLength: 2048,
    });
    const error = await loadOrCreateCertificateAuthority({
      pkiDir: dir,
      passphrase: 'the wrong passphrase',
      log,
      modulusLength: 2048,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkiError);
    expect((error as PkiError).code).toBe('WRONG_PASSPHRASE');
  }, 60_000);

  it('ends with one shared CA when two replicas start on an empty directory together', async () => {
    const passphrase = 'shared by the replicas';
    const [a, b] = await Promise.all([
      loadOrCreateCertificateAuthority({ pkiDir: dir, passphrase, log, modulusLength: 2048 }),
      loadOrCreateCertificateAuthority({ pkiDir: dir, passphrase, log, modulusLength: 2048 }),
    ]);
    expect(a.root.certPem).toBe(b.root.certPem);
    expect(readdirSync(dir)).toEqual(['ca']);
  }, 60_000);
});
