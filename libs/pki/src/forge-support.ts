import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { PkiError } from './pki.errors.js';

/** Certificates accepted by the inspection functions: PEM text, DER bytes, a node or forge certificate. */
export type CertificateInput = string | Uint8Array | X509Certificate | forge.pki.Certificate;

/** Backdating absorbs small clock differences between central and agents. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

export function validityWindow(
  now: Date,
  validityDays: number,
): { notBefore: Date; notAfter: Date } {
  if (!Number.isFinite(validityDays) || validityDays <= 0 || validityDays > 36500) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      `validityDays must be between 0 and 36500, got ${validityDays}`,
    );
  }
  // X.509 UTCTime has one-second resolution: drop milliseconds so the returned dates equal what the certificate says.
  const second = Math.floor(now.getTime() / 1000) * 1000;
  return {
    notBefore: new Date(second - CLOCK_SKEW_MS),
    notAfter: new Date(second + Math.round(validityDays * DAY_MS)),
  };
}

/** 127 random bits as a positive DER INTEGER (high bit clear, first byte non-zero), RFC 5280 §4.1.2.2. */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

export function toForgePrivateKey(pem: string): forge.pki.rsa.PrivateKey {
  try {
    return forge.pki.privateKeyFromPem(pem);
  } catch (error) {
    throw new PkiError('INVALID_KEY', 'Not an unencrypted RSA private key in PEM', {
      cause: error,
    });
  }
}

export function toForgePublicKey(pem: string): forge.pki.rsa.PublicKey {
  try {
    return forge.pki.publicKeyFromPem(pem);
  } catch (error) {
    throw new PkiError('INVALID_KEY', 'Not an RSA public key in PEM', { cause: error });
  }
}

export function toForgeCertificate(input: CertificateInput): forge.pki.Certificate {
  try {
    if (typeof input === 'string') {
      return forge.pki.certificateFromPem(input);
    }
    if (input instanceof X509Certificate) {
      return fromDer(input.raw);
    }
    if (input instanceof Uint8Array) {
      return fromDer(input);
    }
    return input;
  } catch (error) {
    if (error instanceof PkiError) throw error;
    throw new PkiError('INVALID_CERTIFICATE', 'Not a readable X.509 certificate', { cause: error });
  }
}

function fromDer(der: Uint8Array): forge.pki.Certificate {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
  return forge.pki.certificateFromAsn1(asn1);
}

export function certificateToDer(certificate: forge.pki.Certificate): Buffer {
  return Buffer.from(
    forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(),
    'binary',
  );
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function signSha256(
  certificate: forge.pki.Certificate,
  key: forge.pki.rsa.PrivateKey,
): void {
  certificate.sign(key, forge.md.sha256.create());
}

/** Subject key identifier bytes of a certificate, for the authorityKeyIdentifier of what it signs. */
export function keyIdentifierOf(certificate: forge.pki.Certificate): string {
  return certificate.generateSubjectKeyIdentifier().getBytes();
}

/** Guard: keys below this are refused both when issuing and when reading CSRs. */
export function assertStrongRsaKey(key: forge.pki.PublicKey, minBits: number): void {
  const modulus = (key as Partial<forge.pki.rsa.PublicKey>).n;
  if (!modulus) {
    throw new PkiError('INVALID_KEY', 'Only RSA keys are supported');
  }
  if (modulus.bitLength() < minBits) {
    throw new PkiError(
      'WEAK_KEY',
      `RSA key of ${modulus.bitLength()} bits is below the ${minBits}-bit minimum`,
    );
  }
}
