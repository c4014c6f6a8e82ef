import forge from 'node-forge';
import { MIN_RSA_MODULUS_BITS } from './keys.js';
import { assertStrongRsaKey, toForgePrivateKey, toForgePublicKey } from './forge-support.js';
import { PkiError } from './pki.errors.js';

export type CreateCsrOptions = {
  privateKeyPem: string;
  publicKeyPem: string;
  /** Informational only: central puts its own subject in the certificate it issues. */
  commonName: string;
};

/** PKCS#10 request, signed with the agent's private key (which stays on the agent). */
export function createCsr(options: CreateCsrOptions): string {
  const commonName = options.commonName.trim();
  if (commonName.length === 0 || commonName.length > 64) {
    throw new PkiError('INVALID_ARGUMENT', 'commonName must be 1 to 64 characters');
  }
  const privateKey = toForgePrivateKey(options.privateKeyPem);
  const publicKey = toForgePublicKey(options.publicKeyPem);
  if (privateKey.n.compareTo(publicKey.n) !== 0) {
    throw new PkiError('INVALID_KEY', 'The public key does not belong to the private key');
  }
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = publicKey;
  // forge writes attribute values as byte strings: encode to UTF-8 ourselves and say so, or a
  // non-ASCII host name yields a CSR whose signature no longer verifies once parsed.
  csr.setSubject([
    {
      name: 'commonName',
      value: forge.util.encodeUtf8(commonName),
      // @types/node-forge types this as an asn1.Class; forge reads it as the universal tag number.
      valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
    },
  ]);
  csr.sign(privateKey, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}

/** Parses a CSR and proves possession of its key (signature check); refuses weak keys. */
export function readVerifiedCsr(csrPem: string): forge.pki.CertificateSigningRequest {
  if (typeof csrPem !== 'string' || !csrPem.includes('-----BEGIN CERTIFICATE REQUEST-----')) {
    throw new PkiError('INVALID_CSR', 'Not a PEM certificate request');
  }
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch (error) {
    throw new PkiError('INVALID_CSR', 'The certificate request cannot be parsed', { cause: error });
  }
  if (!csr.publicKey) {
    throw new PkiError('INVALID_CSR', 'The certificate request has no public key');
  }
  let signatureValid = false;
  try {
    signatureValid = csr.verify();
  } catch {
    signatureValid = false;
  }
  if (!signatureValid) {
    throw new PkiError(
      'CSR_SIGNATURE_INVALID',
      'The certificate request signature does not verify',
    );
  }
  assertStrongRsaKey(csr.publicKey, MIN_RSA_MODULUS_BITS);
  return csr;
}
