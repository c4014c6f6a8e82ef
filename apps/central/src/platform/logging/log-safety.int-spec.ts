import { Writable } from 'node:stream';
import { createApiKey, createDealer, signIn } from '../graphql/test-support/scenario.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../graphql/test-support/test-app.js';

/** Everything central logs at trace level while secrets cross it must not contain them. */
describe('log safety', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    t = await startTestApp({ LOG_LEVEL: 'trace' }, { logDestination: destination });
  }, 120_000);
  afterAll(() => t?.close());

  it('never logs passwords, access or refresh tokens, or API keys — and does log requests with ids', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'logs');
    const session = await signIn(t.client, dealer.adminEmail);
    const refreshed = await t.client.ok(
      `mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }`,
      {
        r: session.refreshToken,
      },
    );
    const key = await createApiKey(t.client, dealer.adminToken, ['CUSTOMERS_READ']);
    await t.client.ok(`{ customers { edges { node { id } } } }`, {}, key.secret);
    await t.client.request(`{ me { id } }`, {}, 'forged.token.value');
    await t.client.request(
      `mutation { signIn(email: "x@y.test", password: "wrong-password-123") { accessToken } }`,
    );

    const log = lines.join('');
    const secrets = [
      TEST_PASSWORD,
      'wrong-password-123',
      operator.accessToken,
      operator.refreshToken,
      session.accessToken,
      session.refreshToken,
      refreshed['refreshSession'].accessToken as string,
      refreshed['refreshSession'].refreshToken as string,
      key.secret,
      key.secret.split('_').at(-1) ?? key.secret,
      t.config.jwtSecret.reveal(),
    ];
    for (const secret of secrets) expect(log).not.toContain(secret);

    const requests = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry['msg'] === 'request completed');
    expect(requests.length).toBeGreaterThan(5);
    expect(
      requests.every(
        (entry) => typeof entry['requestId'] === 'string' && entry['path'] === '/graphql',
      ),
    ).toBe(true);
    // Authenticated requests carry who and which tenant.
    expect(
      requests.some(
        (entry) =>
          entry['tenantId'] === dealer.tenantId && String(entry['actor']).startsWith('apiKey:'),
      ),
    ).toBe(true);
  }, 60_000);
});
