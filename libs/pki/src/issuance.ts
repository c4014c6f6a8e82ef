import { isIP } from 'node:net';
import forge from 'node-forge';
import { loadSigningAuthority, type SigningAuthority } from './certificate-authority.js';
import {
  assertStrongRsaKey,
  certificateToDer,
  keyIdentifierOf,
  randomSerialHex,
  sha256Hex,
  signSha256,
  toForgePublicKey,
  validityWindow,
} from './forge-support.js';
import { readVerifiedCsr } from './csr.js';
import { MIN_RSA_MODULUS_BITS } from './keys.js';
import { PkiError } from './pki.errors.js';

/** URN prefixes carried as SAN URIs; they are what `readAgentIdentity` trusts. */
export const AGENT_URN_PREFIX = 'urn:printbeat:agent:';
export const TENANT_URN_PREFIX = 'urn:printbeat:tenant:';
export const CUSTOMER_URN_PREFIX = 'urn:printbeat:customer:';

/** Ids go into subjects and URNs: keep them to a boring alphabet so nothing needs escaping. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type IssuedCertificate = {
  certPem: string;
  /** Lower-case hex, 32 bytes: the certificate's serial number. */
  serial: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
};

export type SignAgentCsrOptions = {
  ca: SigningAuthority;
  csrPem: string;
  agentId: string;
  tenantId: string;
  customerId?: string;
  validityDays: number;
  /** Hex serial; random 127 bits when omitted. */
  serial?: string;
  now?: Date;
};

/**
 * Issues an agent's client certificate. Only the CSR's public key is used: the subject and
 * extensions are ours, so an agent cannot ask for another identity or for CA rights.
 */
export function signAgentCsr(options: SignAgentCsrOptions): IssuedCertificate {
  assertId('agentId', options.agentId);
  assertId('tenantId', options.tenantId);
  if (options.customerId !== undefined) assertId('customerId', options.customerId);
  const csr = readVerifiedCsr(options.csrPem);
  const authority = loadSigningAuthority(options.ca);

  const uris = [`${AGENT_URN_PREFIX}${options.agentId}`, `${TENANT_URN_PREFIX}${options.tenantId}`];
  if (options.customerId !== undefined) uris.push(`${CUSTOMER_URN_PREFIX}${options.customerId}`);
  const subject = [
    { name: 'commonName', value: options.agentId },
    { name: 'organizationName', value: options.tenantId },
    ...(options.customerId !== undefined
      ? [{ name: 'organizationalUnitName', value: options.customerId }]
      : []),
  ];

  return issue({
    authority,
    publicKey: csr.publicKey as forge.pki.rsa.PublicKey,
    subject,
    serial: options.serial,
    now: options.now ?? new Date(),
    validityDays: options.validityDays,
    extensions: [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
      { name: 'subjectAltName', altNames: uris.map((value) => ({ type: 6, value })) },
    ],
  });
}

export type IssueServerCertificateOptions = {
  ca: SigningAuthority;
  /** DNS names and IP literals; the first is also the common name. */
  hostnames: string[];
  validityDays: number;
  /** SPKI PEM of the server's public key (see `generateKeyPair`); the private key is never needed here. */
  publicKeyPem: string;
  now?: Date;
};

/** TLS server certificate (serverAuth, SAN DNS + IP), e.g. the gateway's development certificate. */
export function issueServerCertificate(options: IssueServerCertificateOptions): IssuedCertificate {
  if (options.hostnames.length === 0) {
    throw new PkiError('INVALID_ARGUMENT', 'A server certificate needs at least one hostname');
  }
  const altNames = options.hostnames.map((name) => {
    if (isIP(name) !== 0) return { type: 7, ip: name };
    if (
      !/^(?=.{1,253}$)(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/.test(
        name,
      )
    ) {
      throw new PkiError('INVALID_ARGUMENT', `Not a DNS name or IP address: ${name}`);
    }
    return { type: 2, value: name };
  });
  const publicKey = toForgePublicKey(options.publicKeyPem);
  assertStrongRsaKey(publicKey, MIN_RSA_MODULUS_BITS);
  return issue({
    authority: loadSigningAuthority(options.ca),
    publicKey,
    subject: [{ name: 'commonName', value: (options.hostnames[0] ?? '').slice(0, 64) }],
    now: options.now ?? new Date(),
    validityDays: options.validityDays,
    extensions: [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
}

function issue(input: {
  authority: { certificate: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  publicKey: forge.pki.rsa.PublicKey;
  subject: forge.pki.CertificateField[];
  serial?: string | undefined;
  now: Date;
  validityDays: number;
  extensions: object[];
}): IssuedCertificate {
  const serial = input.serial ?? randomSerialHex();
  if (!/^[0-7][0-9a-f]{1,39}$/.test(serial) || serial.length % 2 !== 0 || /^0{2}/.test(serial)) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      'serial must be even-length lower-case hex of a positive integer (at most 20 bytes)',
    );
  }
  const window = validityWindow(input.now, input.validityDays);
  const caNotAfter = input.authority.certificate.validity.notAfter;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = input.publicKey;
  certificate.serialNumber = serial;
  certificate.validity.notBefore = window.notBefore;
  // Never outlive the issuing CA: the chain would stop verifying before the leaf expires.
  certificate.validity.notAfter =
    window.notAfter.getTime() > caNotAfter.getTime() ? caNotAfter : window.notAfter;
  certificate.setSubject(input.subject);
  certificate.setIssuer(input.authority.certificate.subject.attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    ...input.extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: keyIdentifierOf(input.authority.certificate) },
  ]);
  signSha256(certificate, input.authority.key);
  return {
    certPem: forge.pki.certificateToPem(certificate),
    serial,
    fingerprintSha256: sha256Hex(certificateToDer(certificate)),
    notBefore: certificate.validity.notBefore,
    notAfter: certificate.validity.notAfter,
  };
}

function assertId(field: string, value: string): void {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new PkiError('INVALID_ARGUMENT', `${field} must match ${ID_PATTERN.source}`);
  }
}
