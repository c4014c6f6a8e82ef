import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** sha256 is enough for random, high-entropy tokens: there is nothing to brute-force. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function constantTimeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function newRefreshToken(): string {
  return `pbr_${randomBytes(32).toString('base64url')}`;
}

const API_KEY_PATTERN = /^pb_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `pb_<prefix>_<secret>`: the prefix is shown in lists to tell keys apart; the secret never again. */
export function newApiKey(): { key: string; prefix: string } {
  const bytes = randomBytes(10);
  const prefix = Array.from(bytes, (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join(
    '',
  );
  const secret = randomBytes(32).toString('base64url');
  return { key: `pb_${prefix}_${secret}`, prefix };
}

export function parseApiKey(token: string): { prefix: string } | null {
  const match = API_KEY_PATTERN.exec(token);
  return match?.[1] ? { prefix: match[1] } : null;
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('pb_');
}
