export type ApiKeyState = 'active' | 'revoked' | 'expired';

/** Whether a key still works; revocation wins over expiry. Only an active key can be revoked. */
export function apiKeyState(
  key: { revokedAt: string | null; expiresAt: string | null },
  now: Date,
): ApiKeyState {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** The end of the chosen day in the browser's time zone; null for "never". */
export function expiryOf(day: string): Date | null {
  if (day === '') return null;
  const end = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(end.getTime()) ? null : end;
}
