import {
  createApiKey,
  createCustomer,
  createDealer,
  signIn,
} from '../../platform/graphql/test-support/scenario.js';
import { startTestApp, type TestApp } from '../../platform/graphql/test-support/test-app.js';

describe('API keys as bearer tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('reads with the right scope, is FORBIDDEN without it, and UNAUTHENTICATED once revoked', async () => {
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const dealer = await createDealer(t.client, operator.accessToken, 'keys');
    const customerId = await createCustomer(t.client, dealer.adminToken, 'Billing Customer');
    const reader = await createApiKey(t.client, dealer.adminToken, ['CUSTOMERS_READ']);
    const metersOnly = await createApiKey(t.client, dealer.adminToken, ['METERS_READ']);

    const listed = await t.client.ok(
      `{ customers { edges { node { id name } } } }`,
      {},
      reader.secret,
    );
    expect(listed['customers'].edges).toEqual([
      { node: { id: customerId, name: 'Billing Customer' } },
    ]);
    const one = await t.client.ok(
      `query($id: ID!) { customer(id: $id) { name } }`,
      { id: customerId },
      reader.secret,
    );
    expect(one['customer'].name).toBe('Billing Customer');

    expect(
      await t.client.errorCode(`{ customers { edges { node { id } } } }`, {}, metersOnly.secret),
    ).toBe('FORBIDDEN');
    // Keys never get user-only operations, whatever their scopes.
    expect(
      await t.client.errorCode(
        `mutation { createCustomer(input: { name: "Nope" }) { id } }`,
        {},
        reader.secret,
      ),
    ).toBe('FORBIDDEN');
    expect(await t.client.errorCode(`{ me { id } }`, {}, reader.secret)).toBe('FORBIDDEN');
    expect(
      await t.client.errorCode(`{ apiKeys { edges { node { id } } } }`, {}, reader.secret),
    ).toBe('FORBIDDEN');

    const row = await t.prisma.apiKey.findFirstOrThrow({
      where: { tenantId: dealer.tenantId, id: reader.id },
    });
    expect(row.lastUsedAt).not.toBeNull();

    const revoked = await t.client.ok(
      `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`,
      { id: reader.id },
      dealer.adminToken,
    );
    expect(revoked['revokeApiKey'].revokedAt).not.toBeNull();
    const refused = await t.client.request(
      `{ customers { edges { node { id } } } }`,
      {},
      reader.secret,
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: 'API key revoked',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }, 60_000);

  it('refuses unknown and malformed keys with UNAUTHENTICATED', async () => {
    const unknown = `pb_abcdefghij_${'A'.repeat(43)}`;
    expect(await t.client.errorCode(`{ customers { edges { node { id } } } }`, {}, unknown)).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      await t.client.errorCode(`{ customers { edges { node { id } } } }`, {}, 'pb_short'),
    ).toBe('UNAUTHENTICATED');
  }, 60_000);
});
