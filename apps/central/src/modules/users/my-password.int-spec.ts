import {
  createApiKey,
  createDealer,
  signIn,
  SIGN_IN,
} from '../../platform/graphql/test-support/scenario.js';
import {
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../platform/graphql/test-support/test-app.js';

const CHANGE = `mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) { id } }`;
const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }`;
const NEW_PASSWORD = 'a whole new passphrase';

describe('changeMyPassword over real HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Two free failures: the first test's one wrong guess does not hold anyone back.
    t = await startTestApp({ SIGN_IN_FREE_FAILURES: '2' });
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses a wrong current password and changes nothing, then changes it and ends the other sessions', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'own-password');
    const here = await signIn(t.client, dealer.adminEmail);
    const elsewhere = await signIn(t.client, dealer.adminEmail);
    const hashOf = async () =>
      (await t.prisma.user.findFirstOrThrow({ where: { id: dealer.adminId } })).passwordHash;
    const hashBefore = await hashOf();

    const wrong = await t.client.request(
      CHANGE,
      { input: { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD } },
      here.accessToken,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'WRONG_CURRENT_PASSWORD',
    });
    const tooShort = await t.client.errorCode(
      CHANGE,
      { input: { currentPassword: TEST_PASSWORD, newPassword: 'short' } },
      here.accessToken,
    );
    expect(tooShort).toBe('BAD_USER_INPUT');
    expect(await hashOf()).toBe(hashBefore);
    const stillAlive = await t.client.ok(REFRESH, { r: elsewhere.refreshToken });
    const elsewhereRefresh: string = stillAlive['refreshSession'].refreshToken;
    const elsewhereAccess: string = stillAlive['refreshSession'].accessToken;

    const changed = await t.client.ok(
      CHANGE,
      { input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } },
      here.accessToken,
    );
    expect(changed['changeMyPassword']).toEqual({ id: dealer.adminId });
    expect(await hashOf()).not.toBe(hashBefore);

    // The old password no longer signs in; the new one does.
    const old = await t.client.request(SIGN_IN, {
      email: dealer.adminEmail,
      password: TEST_PASSWORD,
    });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await signIn(t.client, dealer.adminEmail, NEW_PASSWORD);

    // The other session is over, both its refresh and its access token; this one goes on.
    expect(await t.client.errorCode(REFRESH, { r: elsewhereRefresh })).toBe('UNAUTHENTICATED');
    expect(await t.client.errorCode(`{ me { id } }`, {}, elsewhereAccess)).toBe('UNAUTHENTICATED');
    expect((await t.client.ok(`{ me { id } }`, {}, here.accessToken))['me']).toEqual({
      id: dealer.adminId,
    });
    await t.client.ok(REFRESH, { r: here.refreshToken });

    const events = await t.prisma.auditEvent.findMany({
      where: { tenantId: dealer.tenantId, action: 'user.password_changed' },
      orderBy: { at: 'asc' },
    });
    expect(events.map((event) => [event.outcome, event.actorId, event.targetId])).toEqual([
      ['FAILURE', dealer.adminId, dealer.adminId],
      ['SUCCESS', dealer.adminId, dealer.adminId],
    ]);
    const stored = JSON.stringify(events);
    expect(stored).not.toContain(TEST_PASSWORD);
    expect(stored).not.toContain(NEW_PASSWORD);
    expect(stored).not.toContain('not my password at all');
  }, 60_000);

  it('counts wrong current passwords as failed sign-ins of that account from that address', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'own-password-guess');
    const guess = (currentPassword: string) =>
      t.client.errorCode(
        CHANGE,
        { input: { currentPassword, newPassword: NEW_PASSWORD } },
        dealer.adminToken,
      );
    expect(await guess('first wrong guess')).toBe('BAD_USER_INPUT');
    expect(await guess('second wrong guess')).toBe('BAD_USER_INPUT');
    // Backed off now: signing in, even with the right password, and guessing again both wait.
    const right = await t.client.request(SIGN_IN, {
      email: dealer.adminEmail,
      password: TEST_PASSWORD,
    });
    expect(right.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(await guess(TEST_PASSWORD)).toBe('TOO_MANY_REQUESTS');
  }, 60_000);

  it('is not for API keys', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'own-password-key');
    const key = await createApiKey(t.client, dealer.adminToken, ['CUSTOMERS_READ']);
    expect(
      await t.client.errorCode(
        CHANGE,
        { input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } },
        key.secret,
      ),
    ).toBe('FORBIDDEN');
  }, 60_000);
});
