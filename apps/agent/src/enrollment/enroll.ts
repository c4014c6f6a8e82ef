import { writeFile } from 'node:fs/promises';
import { hostname, platform, release, arch } from 'node:os';
import { join } from 'node:path';
import { createCsr, generateKeyPair } from '@printbeat/pki';
import { AgentError } from '../agent.errors.js';
import { GatewayClient } from '../gateway-client/gateway-client.js';
import { pinnedCertificate, readServerChain } from '../gateway-client/server-chain.js';
import type { EnrollResponse } from '../gateway-client/protocol.js';
import { IdentityStore } from '../identity/identity-store.js';
import type { MaskingMode } from '../masking/masking-policy.js';
import { AGENT_VERSION } from '../version.js';

export type EnrollOptions = {
  centralUrl: string;
  registrationKey: string;
  dataDir: string;
  /** PEM of the CA that signed central's gateway certificate; the system store when absent. */
  caPem?: string;
  /**
   * SHA-256 fingerprint of central's CA as the portal shows it: the certificate with this
   * fingerprint among those the gateway presents becomes the trusted CA (instead of a file).
   */
  caFingerprint?: string;
  proxyUrl?: string;
  /** Re-enroll even if an identity exists (e.g. after the agent was revoked). */
  force?: boolean;
  /** The local config's masking of host names (central's is not known before enrollment). */
  hostnameMasking?: MaskingMode;
};

/** Stands for this machine's name when the local config masks host names. */
export const MASKED_AGENT_NAME = 'printbeat-agent';

/**
 * The name this machine enrolls under (certificate subject and the agent's name in central):
 * its host name unless the local config masks host names; no key exists yet to hash with.
 */
export function enrollmentName(hostnameMasking: MaskingMode | undefined, osName: string): string {
  if ((hostnameMasking ?? 'send') !== 'send') return MASKED_AGENT_NAME;
  return osName.slice(0, 64) || MASKED_AGENT_NAME;
}

export type EnrollResult = Pick<
  EnrollResponse,
  'agentId' | 'tenantId' | 'customerId' | 'siteId'
> & { configVersion: number };

/**
 * One-time registration: the key pair is made here and only the CSR leaves the machine.
 * Central answers with our certificate, its CA chain and our first config.
 */
export async function enroll(options: EnrollOptions): Promise<EnrollResult> {
  const store = new IdentityStore(options.dataDir);
  if (!options.force && (await store.load())) {
    throw new AgentError(
      'ALREADY_ENROLLED',
      `This agent is already enrolled (${options.dataDir}); pass --force to enroll again`,
    );
  }
  const keys = await generateKeyPair();
  const name = enrollmentName(options.hostnameMasking, hostname());
  const csr = createCsr({
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
    commonName: name,
  });
  const caPem =
    options.caFingerprint === undefined
      ? options.caPem
      : pinnedCertificate(
          await readServerChain({ centralUrl: options.centralUrl, proxyUrl: options.proxyUrl }),
          options.caFingerprint,
        );
  const client = new GatewayClient({
    centralUrl: options.centralUrl,
    caPem,
    proxyUrl: options.proxyUrl,
  });
  const response = await client.enroll({
    registrationKey: options.registrationKey,
    csr,
    facts: {
      hostname: name,
      os: `${platform()} ${release()} ${arch()}`,
      agentVersion: AGENT_VERSION,
    },
  });
  await store.save({
    agentId: response.agentId,
    tenantId: response.tenantId,
    customerId: response.customerId,
    siteId: response.siteId,
    centralUrl: options.centralUrl,
    enrolledAt: new Date().toISOString(),
    certificatePem: response.certificate,
    privateKeyPem: keys.privateKeyPem,
    caPem: response.caChain.join('\n'),
  });
  // The first remote config, so the daemon's first run already has central's settings
  // (a daemon in lock-down mode ignores it).
  await writeFile(
    join(options.dataDir, 'remote-config.json'),
    `${JSON.stringify(response.config, null, 2)}\n`,
    { mode: 0o600 },
  );
  return {
    agentId: response.agentId,
    tenantId: response.tenantId,
    customerId: response.customerId,
    siteId: response.siteId,
    configVersion: response.config.version,
  };
}
