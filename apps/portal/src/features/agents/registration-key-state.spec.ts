// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isAgentSilent, registrationKeyState } from './registration-key-state';

const now = new Date('2026-11-21T12:00:00Z');
const key = { revokedAt: null, expiresAt: '2026-11-28T12:00:00Z', maxUses: 5, useCount: 2 };

describe('registrationKeyState', () => {
  it('is active before expiry with uses left', () => {
    expect(registrationKeyState(key, now)).toBe('active');
    expect(registrationKeyState({ ...key, maxUses: null, useCount: 999 }, now)).toBe('active');
  });

  it('is expired at the expiry instant', () => {
    expect(registrationKeyState({ ...key, expiresAt: '2026-11-21T12:00:00Z' }, now)).toBe(
      'expired',
    );
  });

  it('is used up when every use is spent', () => {
    expect(registrationKeyState({ ...key, useCount: 5 }, now)).toBe('usedUp');
  });

  it('says revoked over expired or used up', () => {
    expect(
      registrationKeyState(
        {
          ...key,
          revokedAt: '2026-11-20T00:00:00Z',
          expiresAt: '2026-11-01T00:00:00Z',
          useCount: 5,
        },
        now,
      ),
    ).toBe('revoked');
  });
});

describe('isAgentSilent', () => {
  it('flags agents that never called or not for two hours', () => {
    expect(isAgentSilent(null, now)).toBe(true);
    expect(isAgentSilent('2026-11-21T09:59:59Z', now)).toBe(true);
    expect(isAgentSilent('2026-11-21T11:55:00Z', now)).toBe(false);
  });
});
