import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print, separateOperations } from 'graphql';
import {
  createCustomer,
  createDealer,
  createSite,
  createUser,
  signIn,
  type Dealer,
} from './test-support/scenario.js';
import { startTestApp, type TestApp } from './test-support/test-app.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** The portal's own operations, each with the fragments it uses, as Apollo Client sends them. */
function portalOperation(name: string): string {
  const features = join(root, 'apps/portal/src/features');
  const source = readdirSync(features, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => readFileSync(join(features, file), 'utf8'))
    .join('\n');
  const document = separateOperations(parse(source))[name];
  if (!document) throw new Error(`no portal operation ${name}`);
  return print(document);
}

const aliases = (count: number, selection: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

describe('GraphQL query limits', () => {
  let t: TestApp;
  let dealer: Dealer;
  let customerId: string;
  let siteId: string;
  let customerAdmin: { token: string; id: string };

  /** Requests of `userId` that reached a resolver (the per-principal counter the guard feeds). */
  const countedRequests = async (userId: string): Promise<number> => {
    const rows = await t.prisma.$queryRawUnsafe<{ points: number }[]>(
      `SELECT points FROM "${t.config.rateLimitSchema}".counters WHERE key = $1`,
      `requests:user:${userId}`,
    );
    return rows[0]?.points ?? 0;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    dealer = await createDealer(t.client, operator.accessToken, 'limits');
    customerId = await createCustomer(t.client, dealer.adminToken, 'Limits customer');
    siteId = await createSite(t.client, dealer.adminToken, customerId, 'Limits site');
    const user = await createUser(t.client, dealer.adminToken, {
      role: 'CUSTOMER_ADMIN',
      customerId,
    });
    customerAdmin = { token: (await signIn(t.client, user.email)).accessToken, id: user.id };
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses an alias bomb, an alias flood, a directive flood and an expensive query before any resolver', async () => {
    const bomb = aliases(1000, 'devices(first: 100) { edges { node { id serialNumber } } }');
    expect(bomb.length).toBeGreaterThan(40_000);
    const started = Date.now();
    const refusals = await Promise.all([
      t.client.request(bomb, {}, customerAdmin.token),
      t.client.request(aliases(40, 'me { id }'), {}, customerAdmin.token),
      t.client.request(`{ me { ${'id @skip(if: false) '.repeat(31)} } }`, {}, customerAdmin.token),
      t.client.request(
        `{ devices(first: 100) { edges { node { id meterReads(first: 1000) { edges { node { readAt counters } } } } } } }`,
        {},
        customerAdmin.token,
      ),
    ]);
    const elapsed = Date.now() - started;

    expect(refusals.map((response) => response.status)).toEqual([400, 400, 400, 400]);
    expect(refusals.map((response) => response.data ?? null)).toEqual([null, null, null, null]);
    expect(refusals.map((response) => response.errors?.[0])).toEqual([
      expect.objectContaining({
        message: 'Query has more tokens than the limit 5000',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 5000, actual: null },
      }),
      expect.objectContaining({
        message: 'Query has 40 aliases; the limit is 30',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30, actual: 40 },
      }),
      expect.objectContaining({
        message: 'Query has 31 directives; the limit is 30',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'directives', max: 30, actual: 31 },
      }),
      expect.objectContaining({
        message: expect.stringMatching(/^Query cost \d+ exceeds the limit 50000$/) as unknown,
        extensions: expect.objectContaining({
          code: 'QUERY_TOO_COMPLEX',
          limit: 'cost',
          max: 50000,
        }) as unknown,
      }),
    ]);
    expect(Number(refusals[3]?.errors?.[0]?.extensions?.['actual'])).toBeGreaterThan(100_000);
    // No resolver ran: the guard never counted a request of this user.
    expect(await countedRequests(customerAdmin.id)).toBe(0);
    expect(elapsed).toBeLessThan(5_000);

    await t.client.ok(`{ me { id } }`, {}, customerAdmin.token);
    expect(await countedRequests(customerAdmin.id)).toBe(1);
  }, 60_000);

  it("serves the portal's fleet and device queries at their largest pages, and a billing page", async () => {
    const device = await t.prisma.device.create({
      data: {
        tenantId: dealer.tenantId,
        customerId,
        siteId,
        serialNumber: `SN-LIMITS-${Date.now()}`,
        manufacturer: 'HP',
        model: 'LaserJet',
      },
    });
    const fleet = await t.client.ok<{ devices: { edges: { node: { id: string } }[] } }>(
      portalOperation('Fleet'),
      { customerId, first: 100 },
      customerAdmin.token,
    );
    expect(fleet.devices.edges.map((edge) => edge.node.id)).toEqual([device.id]);
    const detail = await t.client.ok<{ device: { id: string } }>(
      portalOperation('Device'),
      { id: device.id },
      customerAdmin.token,
    );
    expect(detail.device.id).toBe(device.id);
    await t.client.ok(
      portalOperation('DeviceMeterReads'),
      { id: device.id, first: 1000 },
      customerAdmin.token,
    );
    const usage = await t.client.ok<{ usage: { edges: unknown[] } }>(
      portalOperation('Usage'),
      {
        filter: { customerId },
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-02-01T00:00:00.000Z',
        first: 1000,
      },
      dealer.adminToken,
    );
    expect(usage.usage.edges).toHaveLength(1);
  }, 60_000);
});

describe('GraphQL in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      GRAPHQL_MAX_DEPTH: '4',
    });
  }, 120_000);
  afterAll(() => t?.close());

  it('answers no introspection and refuses a query deeper than the configured depth', async () => {
    const introspection = await t.client.request(`{ __schema { types { name } } }`);
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.errors?.[0]?.message).toContain('introspection');

    const operator = await signIn(t.client, t.operator.email, t.operator.password);
    const deep = await t.client.request(
      `{ tenants { edges { node { id } } } devices { edges { node { latestMeterRead { readAt } } } } }`,
      {},
      operator.accessToken,
    );
    expect(deep.errors?.[0]).toMatchObject({
      message: 'Query depth 5 exceeds the limit 4',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 4, actual: 5 },
    });
  }, 60_000);
});
