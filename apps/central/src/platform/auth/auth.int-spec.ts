import { AccessTokens } from './access-tokens.js';
import { createDealer, createUser, signIn, SIGN_IN } from '../graphql/test-support/scenario.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../graphql/test-support/test-app.js';

const REFRESH = `mutation($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken refreshToken user { email } } }`;

describe('portal sessions over real HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('signs in with the right password only, with one message for unknown email and wrong password', async () => {
    const wrong = await t.client.request(SIGN_IN, {
      email: t.operator.email,
      password: 'wrong password!',
    });
    const unknown = await t.client.request(SIGN_IN, {
      email: 'nobody@nowhere.test',
      password: TEST_PASSWORD,
    });
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Invalid email or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Invalid email or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const session = await signIn(t.client, t.operator.email.toUpperCase(), t.operator.password);
    expect(session.accessToken.split('.')).toHaveLength(3);
  }, 60_000);

  it('rotates refresh tokens, refuses a reused one and then ends every session of that user', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'sessions');
    const first = await signIn(t.client, dealer.adminEmail);
    const other = await signIn(t.client, dealer.adminEmail);

    const rotated = await t.client.ok(REFRESH, { refreshToken: first.refreshToken });
    expect(rotated['refreshSession'].refreshToken).not.toBe(first.refreshToken);
    expect(rotated['refreshSession'].user.email).toBe(dealer.adminEmail);
    const me = await t.client.ok(`{ me { email } }`, {}, rotated['refreshSession'].accessToken);
    expect(me['me'].email).toBe(dealer.adminEmail);

    // The old token again: refused, and as it was copied, the user's other sessions end too.
    expect(await t.client.errorCode(REFRESH, { refreshToken: first.refreshToken })).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      await t.client.errorCode(REFRESH, { refreshToken: rotated['refreshSession'].refreshToken }),
    ).toBe('UNAUTHENTICATED');
    expect(await t.client.errorCode(REFRESH, { refreshToken: other.refreshToken })).toBe(
      'UNAUTHENTICATED',
    );
    const stored = await t.prisma.session.findMany({ where: { tenantId: dealer.tenantId } });
    expect(stored.length).toBeGreaterThanOrEqual(4);
    expect(stored.every((session) => session.revokedAt !== null)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(first.refreshToken);
  }, 60_000);

  it('sign-out revokes the session: its refresh token stops working', async () => {
    const session = await signIn(t.client, t.operator.email, t.operator.password);
    const out = await t.client.ok(
      `mutation($r: String) { signOut(refreshToken: $r) }`,
      { r: session.refreshToken },
      session.accessToken,
    );
    expect(out['signOut']).toBe(true);
    expect(await t.client.errorCode(REFRESH, { refreshToken: session.refreshToken })).toBe(
      'UNAUTHENTICATED',
    );
  }, 60_000);

  it('keeps access tokens of a rotated session until they expire, and ends a disabled user at once', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'disable');
    const technician = await createUser(t.client, dealer.adminToken, { role: 'DEALER_TECHNICIAN' });
    const session = await signIn(t.client, technician.email);
    await t.client.ok(REFRESH, { refreshToken: session.refreshToken });
    expect((await t.client.ok(`{ me { email } }`, {}, session.accessToken))['me'].email).toBe(
      technician.email,
    );

    await t.client.ok(
      `mutation($id: ID!) { disableUser(id: $id) { disabledAt } }`,
      { id: technician.id },
      dealer.adminToken,
    );
    expect(await t.client.errorCode(`{ me { email } }`, {}, session.accessToken)).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      await t.client.errorCode(SIGN_IN, { email: technician.email, password: TEST_PASSWORD }),
    ).toBe('UNAUTHENTICATED');
  }, 60_000);

  it('answers expired, forged and malformed tokens with UNAUTHENTICATED', async () => {
    const session = await signIn(t.client, t.operator.email, t.operator.password);
    const me = `{ me { id } }`;
    const expired = await new AccessTokens(t.config.jwtSecret.reveal(), -60).issue({
      userId: session.user.id,
      sessionId: 'x',
      role: 'PLATFORM_OPERATOR',
      tenantId: session.user.tenantId,
      customerId: null,
    });
    const forged = await new AccessTokens('f'.repeat(64), 900).issue({
      userId: session.user.id,
      sessionId: 'x',
      role: 'PLATFORM_OPERATOR',
      tenantId: session.user.tenantId,
      customerId: null,
    });
    const expiredResult = await t.client.request(me, {}, expired.token);
    expect(expiredResult.errors?.[0]).toMatchObject({
      message: 'Access token expired',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await t.client.errorCode(me, {}, forged.token)).toBe('UNAUTHENTICATED');
    // Rightly signed, but for a session that never existed.
    const orphan = await new AccessTokens(t.config.jwtSecret.reveal(), 900).issue({
      userId: session.user.id,
      sessionId: 'x',
      role: 'PLATFORM_OPERATOR',
      tenantId: session.user.tenantId,
      customerId: null,
    });
    expect(await t.client.errorCode(me, {}, orphan.token)).toBe('UNAUTHENTICATED');
    expect(await t.client.errorCode(me, {}, 'garbage')).toBe('UNAUTHENTICATED');
    expect(await t.client.errorCode(REFRESH, { refreshToken: 'pbr_unknown' })).toBe(
      'UNAUTHENTICATED',
    );
    const basic = await t.client.request(me, {}, undefined, {
      authorization: 'Basic Zm9vOmJhcg==',
    });
    expect(basic.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Still serving after all of that.
    expect((await t.client.ok(me, {}, session.accessToken))['me'].id).toBe(session.user.id);
  }, 60_000);
});

describe('sign-in rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '20' });
  }, 120_000);
  afterAll(() => t?.close());

  const attempt = async (email: string, password: string) =>
    (await t.client.request(SIGN_IN, { email, password })).errors?.[0]?.extensions?.['code'] ??
    'OK';

  it('makes one address wait after 5 failures on an account, even with the right password; other accounts still sign in', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'ratelimit');
    const failures: string[] = [];
    for (let i = 0; i < 5; i++) failures.push(await attempt(dealer.adminEmail, `wrong ${i}`));
    expect(failures).toEqual(Array(5).fill('UNAUTHENTICATED'));
    const blocked = await t.client.request(SIGN_IN, {
      email: dealer.adminEmail.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(blocked.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Too many sign-in attempts; try again in \d+ s$/) as unknown,
      extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) as unknown },
    });
    expect(blocked.data).toBeNull();
    // The operator (another account) is not affected by the dealer admin's failures.
    expect(await attempt(t.operator.email, t.operator.password)).toBe('OK');
  }, 60_000);

  it('limits every attempt per source address', async () => {
    // 20 a minute from this address, most of them spent by the test before.
    const codes: string[] = [];
    while (codes.length < 30 && codes.at(-1) !== 'TOO_MANY_REQUESTS')
      codes.push(await attempt(t.operator.email, t.operator.password));
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
    expect(codes.length).toBeLessThanOrEqual(12);
  }, 60_000);
});
