import { X509Certificate } from 'node:crypto';
import { createCsr, generateKeyPair } from '@printbeat/pki';
import type { GatewayClient } from '../gateway-client/gateway-client.js';
import type { IdentityStore, StoredIdentity } from './identity-store.js';

/**
 * Renewal is due once two thirds of the certificate's lifetime have passed: with the default
 * short lifetimes that leaves days of retries (central down, proxy broken) before it expires.
 */
export function isRenewalDue(validity: { validFrom: Date; validTo: Date }, now: Date): boolean {
  const from = validity.validFrom.getTime();
  const to = validity.validTo.getTime();
  return now.getTime() >= to - (to - from) / 3;
}

export function certificateValidity(certificatePem: string): { validFrom: Date; validTo: Date } {
  const certificate = new X509Certificate(certificatePem);
  return { validFrom: new Date(certificate.validFrom), validTo: new Date(certificate.validTo) };
}

/**
 * A fresh key pair made here (the private key never leaves the machine), a CSR sent over the
 * current mTLS session, and the new pair stored atomically: a crash in between leaves the
 * old, still valid pair in place.
 */
export async function renewCertificate(
  identity: StoredIdentity,
  client: GatewayClient,
  store: IdentityStore,
): Promise<StoredIdentity> {
  const keys = await generateKeyPair();
  const csr = createCsr({
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
    commonName: identity.agentId.slice(0, 64),
  });
  const renewed = await client.renew(csr);
  await store.replaceCertificate(
    renewed.certificate,
    renewed.caChain.join('\n'),
    keys.privateKeyPem,
  );
  return store.require();
}
