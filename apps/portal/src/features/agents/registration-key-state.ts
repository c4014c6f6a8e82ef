export type RegistrationKeyState = 'active' | 'revoked' | 'expired' | 'usedUp';

/** Why a key can (not) enroll agents any more; revocation wins over everything else. */
export function registrationKeyState(
  key: { revokedAt: string | null; expiresAt: string; maxUses: number | null; useCount: number },
  now: Date,
): RegistrationKeyState {
  if (key.revokedAt !== null) return 'revoked';
  if (Date.parse(key.expiresAt) <= now.getTime()) return 'expired';
  if (key.maxUses !== null && key.useCount >= key.maxUses) return 'usedUp';
  return 'active';
}

export const REGISTRATION_KEY_STATE_LABELS: Readonly<Record<RegistrationKeyState, string>> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
  usedUp: 'Used up',
};

/** An agent that has not called in for this long is worth a look (it polls every few minutes). */
export const AGENT_SILENT_AFTER_MS = 2 * 60 * 60 * 1000;

export function isAgentSilent(lastContactAt: string | null, now: Date): boolean {
  return (
    lastContactAt === null || now.getTime() - Date.parse(lastContactAt) > AGENT_SILENT_AFTER_MS
  );
}
