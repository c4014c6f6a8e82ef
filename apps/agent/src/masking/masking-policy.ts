/**
 * Which identifying values leave the site, per field group, and how. Central's settings (the
 * customer's over the tenant's) arrive in the remote config; this machine's local config and
 * lock-down may only make a group stricter, never looser: send < hash < withhold.
 */
export const MASKING_GROUPS = ['ip', 'mac', 'hostname', 'contactLocation'] as const;
export type MaskingGroup = (typeof MASKING_GROUPS)[number];

export const MASKING_MODES = ['send', 'hash', 'withhold'] as const;
export type MaskingMode = (typeof MASKING_MODES)[number];

export type MaskingPolicy = Record<MaskingGroup, MaskingMode>;

/** The remote config's `masking`: central's policy and the customer's hash key (base64). */
export type RemoteMasking = Partial<MaskingPolicy> & { key?: string | null };

export const SEND_EVERYTHING: MaskingPolicy = {
  ip: 'send',
  mac: 'send',
  hostname: 'send',
  contactLocation: 'send',
};

const STRICTNESS: Record<MaskingMode, number> = { send: 0, hash: 1, withhold: 2 };

export function stricterMode(a: MaskingMode, b: MaskingMode): MaskingMode {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

/** The policy in force and the key to hash with (null: nothing can be hashed, so it is withheld). */
export type EffectiveMasking = { policy: MaskingPolicy; key: Buffer | null };

/**
 * Per group the stricter of central's and the local setting; lock-down withholds IP addresses.
 * A group to be hashed without a key from central is withheld: hashing may not fall back to
 * sending.
 */
export function effectiveMasking(input: {
  remote: RemoteMasking | null | undefined;
  local: Partial<MaskingPolicy>;
  lockDown: boolean;
}): EffectiveMasking {
  const key = input.remote?.key ? Buffer.from(input.remote.key, 'base64') : null;
  const usableKey = key && key.length >= 16 ? key : null;
  const policy = { ...SEND_EVERYTHING };
  for (const group of MASKING_GROUPS) {
    let mode = stricterMode(knownMode(input.remote?.[group]), input.local[group] ?? 'send');
    if (group === 'ip' && input.lockDown) mode = 'withhold';
    if (mode === 'hash' && !usableKey) mode = 'withhold';
    policy[group] = mode;
  }
  return { policy, key: usableKey };
}

/** A mode central sent that this agent does not know is taken as the strictest. */
function knownMode(value: unknown): MaskingMode {
  if (value === undefined || value === null) return 'send';
  return MASKING_MODES.find((mode) => mode === value) ?? 'withhold';
}

/** One line for people: `ip hash, mac send, hostname withhold, contact/location send`. */
export function describeMasking(policy: MaskingPolicy): string {
  return `ip ${policy.ip}, mac ${policy.mac}, hostname ${policy.hostname}, contact/location ${policy.contactLocation}`;
}
