import forge from 'node-forge';
import { generateKeyPair } from './keys.js';
import {
  keyIdentifierOf,
  randomSerialHex,
  signSha256,
  toForgeCertificate,
  toForgePrivateKey,
  toForgePublicKey,
  validityWindow,
} from './forge-support.js';
import { PkiError } from './pki.errors.js';

export type CertificateAndKey = {
  certPem: string;
  /** Unencrypted PKCS#8 PEM. Encrypt with `encryptPrivateKey` before storing it. */
  keyPem: string;
};

/**
 * A two-level CA: the root only signs the issuing (intermediate) CA, which signs agent and
 * server certificates. The root key can then be kept offline later without re-enrolling agents.
 */
export type CertificateAuthority = {
  root: CertificateAndKey;
  issuing: CertificateAndKey;
};

/** What signing needs: a full CA, or just the issuing certificate and key. */
export type SigningAuthority = CertificateAuthority | CertificateAndKey;

export type CreateCertificateAuthorityOptions = {
  commonName: string;
  validityDays: number;
  organization?: string;
  modulusLength?: 2048 | 3072 | 4096;
  now?: Date;
};

export async function createCertificateAuthority(
  options: CreateCertificateAuthorityOptions,
): Promise<CertificateAuthority> {
  const commonName = options.commonName.trim();
  if (commonName.length === 0 || commonName.length > 64) {
    throw new PkiError('INVALID_ARGUMENT', 'commonName must be 1 to 64 characters');
  }
  const organization = options.organization ?? 'Printbeat';
  const now = options.now ?? new Date();
  const [rootKeys, issuingKeys] = await Promise.all([
    generateKeyPair({ modulusLength: options.modulusLength ?? 3072 }),
    generateKeyPair({ modulusLength: options.modulusLength ?? 3072 }),
  ]);

  const rootSubject = [
    { name: 'commonName', value: `${commonName} Root` },
    { name: 'organizationName', value: organization },
  ];
  const root = forge.pki.createCertificate();
  root.publicKey = toForgePublicKey(rootKeys.publicKeyPem);
  root.serialNumber = randomSerialHex();
  const rootWindow = validityWindow(now, options.validityDays);
  root.validity.notBefore = rootWindow.notBefore;
  root.validity.notAfter = rootWindow.notAfter;
  root.setSubject(rootSubject);
  root.setIssuer(rootSubject);
  root.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const rootKey = toForgePrivateKey(rootKeys.privateKeyPem);
  signSha256(root, rootKey);

  const issuing = forge.pki.createCertificate();
  issuing.publicKey = toForgePublicKey(issuingKeys.publicKeyPem);
  issuing.serialNumber = randomSerialHex();
  issuing.validity.notBefore = rootWindow.notBefore;
  // An intermediate must not outlive its root.
  issuing.validity.notAfter = rootWindow.notAfter;
  issuing.setSubject([
    { name: 'commonName', value: `${commonName} Issuing` },
    { name: 'organizationName', value: organization },
  ]);
  issuing.setIssuer(root.subject.attributes);
  issuing.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: keyIdentifierOf(root) },
  ]);
  signSha256(issuing, rootKey);

  return {
    root: { certPem: forge.pki.certificateToPem(root), keyPem: rootKeys.privateKeyPem },
    issuing: { certPem: forge.pki.certificateToPem(issuing), keyPem: issuingKeys.privateKeyPem },
  };
}

/** Chain to hand to an agent or to put behind a server certificate: issuing CA first, then root. */
export function caChainPem(ca: CertificateAuthority): string[] {
  return [ca.issuing.certPem, ca.root.certPem];
}

export function issuingAuthorityOf(ca: SigningAuthority): CertificateAndKey {
  return 'issuing' in ca ? ca.issuing : ca;
}

export function loadSigningAuthority(ca: SigningAuthority): {
  certificate: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
} {
  const issuing = issuingAuthorityOf(ca);
  const certificate = toForgeCertificate(issuing.certPem);
  const key = toForgePrivateKey(issuing.keyPem);
  const certificateModulus = (certificate.publicKey as forge.pki.rsa.PublicKey).n;
  if (!certificateModulus || certificateModulus.compareTo(key.n) !== 0) {
    throw new PkiError('INVALID_KEY', 'The CA key does not belong to the CA certificate');
  }
  return { certificate, key };
}
