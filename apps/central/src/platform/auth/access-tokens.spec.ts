import { jest } from '@jest/globals';
import { AccessTokens, InvalidAccessTokenError, type AccessClaims } from './access-tokens.js';

const claims: AccessClaims = {
  userId: 'a5b1e7a2-0000-4000-8000-000000000001',
  sessionId: 's-1',
  role: 'DEALER_ADMIN',
  tenantId: 't-1',
  customerId: null,
};
const secret = 'k'.repeat(48);

describe('AccessTokens', () => {
  afterEach(() => jest.useRealTimers());

  it('round-trips the claims', async () => {
    const tokens = new AccessTokens(secret, 900);
    const { token, expiresAt } = await tokens.issue(claims);
    await expect(tokens.verify(token)).resolves.toEqual(claims);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(898_000);
  });

  it('rejects a token once its lifetime is over', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') });
    const tokens = new AccessTokens(secret, 900);
    const { token, expiresAt } = await tokens.issue(claims);
    expect(expiresAt.toISOString()).toBe('2026-01-01T10:15:00.000Z');
    jest.setSystemTime(new Date('2026-01-01T10:14:59Z'));
    await expect(tokens.verify(token)).resolves.toEqual(claims);
    jest.setSystemTime(new Date('2026-01-01T10:15:00Z'));
    await expect(tokens.verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('rejects a token signed with another secret', async () => {
    const token = (await new AccessTokens('o'.repeat(48), 900).issue(claims)).token;
    await expect(new AccessTokens(secret, 900).verify(token)).rejects.toBeInstanceOf(
      InvalidAccessTokenError,
    );
  });

  it('rejects tampered and malformed tokens', async () => {
    const tokens = new AccessTokens(secret, 900);
    const { token } = await tokens.issue(claims);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        role: 'PLATFORM_OPERATOR',
      }),
    ).toString('base64url');
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({
      reason: 'invalid',
    });
    await expect(tokens.verify('not-a-jwt')).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuses unsigned (alg none) tokens', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: claims.userId, sid: 's', role: 'PLATFORM_OPERATOR', tid: 't-1', cid: null, iss: 'printbeat-central', aud: 'printbeat', exp: now + 60 })}.`;
    await expect(new AccessTokens(secret, 900).verify(unsigned)).rejects.toMatchObject({
      reason: 'invalid',
    });
  });
});
