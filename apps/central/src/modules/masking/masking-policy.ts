import { randomBytes } from 'node:crypto';
import type { MaskingMode } from '@prisma/client';

/**
 * What agents do with each group of identifying values before an upload leaves the site:
 * send it, replace it with a keyed hash, or withhold it. The tenant's and the customer's
 * settings combine per group by taking the stricter (SEND < HASH < WITHHOLD): a customer can
 * only tighten its dealer's settings. The agent applies the result, tightened again by its
 * local config and lock-down (apps/agent/src/masking).
 */
export const MASKING_GROUPS = ['ip', 'mac', 'hostname', 'contactLocation'] as const;
export type MaskingGroup = (typeof MASKING_GROUPS)[number];
export type MaskingPolicy = Record<MaskingGroup, MaskingMode>;

/**
 * The remote config's `masking` (docs/agent-protocol.md §4): modes in lower case, the key in
 * base64 (null where none is known, e.g. an agent's config as people see it).
 */
export type RemoteMasking = Record<MaskingGroup, 'send' | 'hash' | 'withhold'> & {
  key: string | null;
};

/** Bytes of a customer's HMAC-SHA-256 key. */
export const MASKING_KEY_BYTES = 32;

export const SEND_EVERYTHING: MaskingPolicy = {
  ip: 'SEND',
  mac: 'SEND',
  hostname: 'SEND',
  contactLocation: 'SEND',
};

const STRICTNESS: Record<MaskingMode, number> = { SEND: 0, HASH: 1, WITHHOLD: 2 };

export function stricterPolicy(a: MaskingPolicy, b: MaskingPolicy): MaskingPolicy {
  const out = { ...SEND_EVERYTHING };
  for (const group of MASKING_GROUPS)
    out[group] = STRICTNESS[a[group]] >= STRICTNESS[b[group]] ? a[group] : b[group];
  return out;
}

export function samePolicy(a: MaskingPolicy, b: MaskingPolicy): boolean {
  return MASKING_GROUPS.every((group) => a[group] === b[group]);
}

export function toRemoteMasking(policy: MaskingPolicy, key: Buffer | null): RemoteMasking {
  return {
    ip: lower(policy.ip),
    mac: lower(policy.mac),
    hostname: lower(policy.hostname),
    contactLocation: lower(policy.contactLocation),
    key: key ? key.toString('base64') : null,
  };
}

export function newMaskingKey(): Buffer {
  return randomBytes(MASKING_KEY_BYTES);
}

function lower(mode: MaskingMode): 'send' | 'hash' | 'withhold' {
  switch (mode) {
    case 'SEND':
      return 'send';
    case 'HASH':
      return 'hash';
    case 'WITHHOLD':
      return 'withhold';
  }
}
