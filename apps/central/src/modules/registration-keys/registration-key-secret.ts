import { randomBytes } from 'node:crypto';

const KEY_PATTERN = /^pbr_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `pbr_<prefix>_<secret>`: the prefix tells keys apart in lists and audit trails; the 256-bit
 * secret is shown once and stored only as a SHA-256 (nothing to brute-force at that entropy).
 */
export function newRegistrationKey(): { key: string; prefix: string } {
  const prefix = Array.from(
    randomBytes(12),
    (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length],
  ).join('');
  return { key: `pbr_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

export function parseRegistrationKey(key: string): { prefix: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match?.[1] ? { prefix: match[1] } : null;
}
