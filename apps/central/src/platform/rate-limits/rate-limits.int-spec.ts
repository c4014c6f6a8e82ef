import { randomBytes } from 'node:crypto';
import got from 'got';
import {
  agentKeys,
  gatewayRequest,
  startChannel,
  type Channel,
} from '../../gateway/test-support/agent-channel.js';
import { createDealer, createUser, signIn, SIGN_IN } from '../graphql/test-support/scenario.js';
import { TEST_PASSWORD, type TestApp } from '../graphql/test-support/test-app.js';

/** A GraphQL request sent from a chosen loopback source address (the limits key on it). */
async function fromAddress(
  t: TestApp,
  localAddress: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) {
  const response = await got.post(`${t.baseUrl}/graphql`, {
    json: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
    localAddress,
    retry: { limit: 0 },
    throwHttpErrors: false,
    responseType: 'json',
  });
  return response.body as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const codeOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (body.errors?.[0]?.extensions?.['code'] as string | undefined) ?? 'OK';

/** Two centrals ("replicas") on one database with the same rate-limit schema and JWT secret. */
describe('rate limits shared by replicas', () => {
  let a: Channel;
  let b: Channel;
  const shared = {
    RATE_LIMIT_SCHEMA: `rate_limits_pair_${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '8',
    ENROLL_RATE_LIMIT_PER_MINUTE: '4',
    REQUEST_RATE_LIMIT_PER_MINUTE: '6',
    SIGN_IN_FREE_FAILURES: '3',
    PASSWORD_RESET_RATE_LIMIT_PER_HOUR: '4',
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([startChannel(shared), startChannel(shared)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.t.close(), b?.t.close()]);
  });

  it('counts sign-in attempts of one address on both replicas together', async () => {
    // A different account each time: only the address limit applies.
    const attempt = async (t: TestApp) =>
      codeOf(
        await fromAddress(t, '127.0.0.21', SIGN_IN, {
          email: `nobody-${randomBytes(4).toString('hex')}@nowhere.test`,
          password: 'wrong password!',
        }),
      );
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await attempt(a.t), await attempt(b.t));
    // 8 a minute in all: an in-memory limit per replica would have allowed all ten.
    expect(codes.slice(0, 8)).toEqual(Array(8).fill('UNAUTHENTICATED'));
    expect(codes.slice(8)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
  }, 60_000);

  it('backs off the failing address but never refuses the right password from another', async () => {
    const operator = await signIn(a.t.client, a.t.operator.email, a.t.operator.password);
    const dealer = await createDealer(a.t.client, operator.accessToken, 'lockout');
    const user = await createUser(a.t.client, dealer.adminToken, { role: 'DEALER_TECHNICIAN' });
    const attacker = '127.0.0.31';
    const failures: string[] = [];
    for (let i = 0; i < 3; i++) {
      const replica = i % 2 === 0 ? a.t : b.t;
      const body = await fromAddress(replica, attacker, SIGN_IN, {
        email: user.email,
        password: `x${i}`,
      });
      failures.push(codeOf(body));
    }
    expect(failures).toEqual(Array(3).fill('UNAUTHENTICATED'));

    // The attacker's address now waits, even with the right password, on either replica.
    const blocked = await fromAddress(b.t, attacker, SIGN_IN, {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(blocked.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Too many sign-in attempts; try again in \d+ s$/) as unknown,
      extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) as unknown },
    });

    // The real user at another address signs in on both replicas.
    for (const replica of [a.t, b.t]) {
      const ok = await fromAddress(replica, '127.0.0.32', SIGN_IN, {
        email: user.email.toUpperCase(),
        password: TEST_PASSWORD,
      });
      expect(codeOf(ok)).toBe('OK');
    }
  }, 60_000);

  it('counts password-reset requests of one address on both replicas together, not other addresses', async () => {
    // A different (unknown) e-mail each time: only the address limit applies.
    const request = async (t: TestApp, address: string) =>
      codeOf(
        await fromAddress(t, address, `mutation($e: String!) { requestPasswordReset(email: $e) }`, {
          e: `nobody-${randomBytes(4).toString('hex')}@reset.test`,
        }),
      );
    const codes = [];
    for (const t of [a.t, b.t, a.t, b.t, a.t]) codes.push(await request(t, '127.0.0.51'));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'TOO_MANY_REQUESTS']);
    expect(await request(b.t, '127.0.0.52')).toBe('OK');
  }, 60_000);

  it('counts enrollment attempts of one address on both gateways together', async () => {
    const keys = await agentKeys();
    const facts = { hostname: 'gw', os: 'linux', agentVersion: '0.1.0' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const channel of [a, b]) {
        const response = await gatewayRequest(channel, 'POST', 'enroll', {
          json: { registrationKey: `pbr_abcdefghijkl_${'C'.repeat(43)}`, csr: keys.csr, facts },
          localAddress: '127.0.0.41',
        });
        statuses.push(response.status);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  }, 60_000);

  it('limits requests per principal across replicas, not other principals', async () => {
    const operator = await signIn(a.t.client, a.t.operator.email, a.t.operator.password);
    const dealer = await createDealer(a.t.client, operator.accessToken, 'requests');
    const one = await signIn(a.t.client, dealer.adminEmail);
    const me = `{ me { id } }`;
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(codeOf(await a.t.client.request(me, {}, one.accessToken)));
      codes.push(codeOf(await b.t.client.request(me, {}, one.accessToken)));
    }
    expect(codes).toEqual([...Array(6).fill('OK'), 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    const refused = await b.t.client.request(me, {}, one.accessToken);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: expect.any(Number) as unknown,
    });
    // The operator is another principal.
    expect(codeOf(await b.t.client.request(me, {}, operator.accessToken))).toBe('OK');
  }, 60_000);
});
