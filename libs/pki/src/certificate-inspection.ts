import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import {
  certificateToDer,
  sha256Hex,
  toForgeCertificate,
  type CertificateInput,
} from './forge-support.js';
import { AGENT_URN_PREFIX, CUSTOMER_URN_PREFIX, TENANT_URN_PREFIX } from './issuance.js';
import { PkiError } from './pki.errors.js';

export type AgentIdentity = {
  agentId: string;
  tenantId: string;
  customerId: string | null;
  /** Lower-case hex. */
  serial: string;
  /** SHA-256 of the DER certificate, lower-case hex without separators. */
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
};

/** SHA-256 fingerprint of the DER encoding, lower-case hex without separators. */
export function certificateFingerprint(certificate: CertificateInput): string {
  if (certificate instanceof X509Certificate) return sha256Hex(certificate.raw);
  return sha256Hex(certificateToDer(toForgeCertificate(certificate)));
}

/**
 * Normalises fingerprints from other sources (node's `fingerprint256` is upper-case with
 * colons) so they compare equal to {@link certificateFingerprint}.
 */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toLowerCase();
}

/**
 * Reads who an agent certificate speaks for. The SAN URNs are authoritative; the subject
 * (CN, O) must agree with them, so a certificate issued by this CA for a server or a
 * differently-shaped client is refused with NOT_AN_AGENT_CERTIFICATE.
 */
export function readAgentIdentity(certificate: CertificateInput): AgentIdentity {
  const cert = toForgeCertificate(certificate);
  const uris = subjectAltNameUris(cert);
  const agentId = singleUrn(uris, AGENT_URN_PREFIX);
  const tenantId = singleUrn(uris, TENANT_URN_PREFIX);
  const customerId = uris.some((uri) => uri.startsWith(CUSTOMER_URN_PREFIX))
    ? singleUrn(uris, CUSTOMER_URN_PREFIX)
    : null;
  const commonName = cert.subject.getField('CN') as { value: string } | null;
  const organization = cert.subject.getField('O') as { value: string } | null;
  if (commonName?.value !== agentId || organization?.value !== tenantId) {
    throw new PkiError(
      'NOT_AN_AGENT_CERTIFICATE',
      'Certificate subject does not match its agent and tenant URNs',
    );
  }
  const extKeyUsage = cert.getExtension('extKeyUsage') as { clientAuth?: boolean } | null;
  if (!extKeyUsage?.clientAuth) {
    throw new PkiError('NOT_AN_AGENT_CERTIFICATE', 'Certificate is not for client authentication');
  }
  return {
    agentId,
    tenantId,
    customerId,
    serial: cert.serialNumber.toLowerCase(),
    fingerprintSha256: sha256Hex(certificateToDer(cert)),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
  };
}

/** True when `caCertificate` issued `certificate` (issuer name matches and signature verifies). */
export function isIssuedBy(
  certificate: CertificateInput,
  caCertificate: CertificateInput,
): boolean {
  const leaf = toNodeCertificate(certificate);
  const ca = toNodeCertificate(caCertificate);
  return ca.ca && leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
}

/** Throws NOT_ISSUED_BY_CA unless {@link isIssuedBy}. */
export function verifyIssuedBy(
  certificate: CertificateInput,
  caCertificate: CertificateInput,
): void {
  if (!isIssuedBy(certificate, caCertificate)) {
    throw new PkiError('NOT_ISSUED_BY_CA', 'Certificate was not issued by the expected CA');
  }
}

export type VerifyAgentCertificateOptions = {
  /** Issuing CA first, then up to the root (as `caChainPem` returns). */
  chainPem: string[];
  at?: Date;
};

/**
 * Full check of an agent certificate outside a TLS handshake (e.g. one forwarded by a trusted
 * TLS-terminating proxy): chain up to the root, validity at `at`, agent shape. Returns its identity.
 */
export function verifyAgentCertificate(
  certificate: CertificateInput,
  options: VerifyAgentCertificateOptions,
): AgentIdentity {
  if (options.chainPem.length === 0) {
    throw new PkiError('INVALID_ARGUMENT', 'chainPem must hold at least the issuing CA');
  }
  const at = options.at ?? new Date();
  const chain = [toNodeCertificate(certificate), ...options.chainPem.map(toNodeCertificate)];
  for (let index = 0; index < chain.length; index += 1) {
    const current = chain[index] as X509Certificate;
    const issuer = chain[index + 1] ?? current;
    if (
      !current.checkIssued(issuer) ||
      !current.verify(issuer.publicKey) ||
      (index > 0 && !current.ca)
    ) {
      throw new PkiError('NOT_ISSUED_BY_CA', 'Certificate does not chain to the configured CA');
    }
    if (at.getTime() < new Date(current.validFrom).getTime()) {
      throw new PkiError(
        'CERTIFICATE_NOT_YET_VALID',
        'A certificate in the chain is not yet valid',
      );
    }
    if (at.getTime() > new Date(current.validTo).getTime()) {
      throw new PkiError('CERTIFICATE_EXPIRED', 'A certificate in the chain has expired');
    }
  }
  return readAgentIdentity(certificate);
}

function toNodeCertificate(input: CertificateInput): X509Certificate {
  if (input instanceof X509Certificate) return input;
  try {
    if (typeof input === 'string' || input instanceof Uint8Array) return new X509Certificate(input);
    return new X509Certificate(certificateToDer(input));
  } catch (error) {
    throw new PkiError('INVALID_CERTIFICATE', 'Not a readable X.509 certificate', { cause: error });
  }
}

function subjectAltNameUris(cert: forge.pki.Certificate): string[] {
  const extension = cert.getExtension('subjectAltName') as {
    altNames?: { type: number; value: string }[];
  } | null;
  return (extension?.altNames ?? []).filter((name) => name.type === 6).map((name) => name.value);
}

function singleUrn(uris: string[], prefix: string): string {
  const matches = uris.filter((uri) => uri.startsWith(prefix));
  const value = matches[0]?.slice(prefix.length);
  if (matches.length !== 1 || !value) {
    throw new PkiError(
      'NOT_AN_AGENT_CERTIFICATE',
      `Certificate must carry exactly one ${prefix}<id> URI`,
    );
  }
  return value;
}
