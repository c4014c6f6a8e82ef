/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- GraphQL responses in tests are asserted by value with expect(), not by static type */
import { GraphqlClient } from '../../platform/graphql/test-support/graphql-client.js';
import { createDealer, signIn } from '../../platform/graphql/test-support/scenario.js';
import {
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../platform/graphql/test-support/test-app.js';

describe('onboarding a dealer through GraphQL (real HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let client: GraphqlClient;
  beforeAll(async () => {
    t = await startTestApp();
    client = t.client;
  }, 120_000);
  afterAll(() => t?.close());

  it('operator creates a tenant; its admin sets up customer, site, user and API key and reads them back', async () => {
    const operator = await signIn(client, t.operator.email, t.operator.password);
    const dealer = await createDealer(client, operator.accessToken, 'onboard');
    const token = dealer.adminToken;

    const me = await client.ok(`{ me { id email role tenantId customerId } }`, {}, token);
    expect(me['me']).toEqual({
      id: dealer.adminId,
      email: dealer.adminEmail,
      role: 'DEALER_ADMIN',
      tenantId: dealer.tenantId,
      customerId: null,
    });

    const { createCustomer } = await client.ok(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id name externalRef allowedCommandTypes } }`,
      { input: { name: '  Acme GmbH ', externalRef: 'K-1001' } },
      token,
    );
    expect(createCustomer).toMatchObject({
      name: 'Acme GmbH',
      externalRef: 'K-1001',
      allowedCommandTypes: ['REFRESH_STATUS', 'SEND_METERS', 'TROUBLESHOOT'],
    });

    const { createSite } = await client.ok(
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name customerId timeZone } }`,
      { input: { customerId: createCustomer.id, name: 'Berlin', timeZone: 'Europe/Berlin' } },
      token,
    );
    expect(createSite).toMatchObject({
      name: 'Berlin',
      customerId: createCustomer.id,
      timeZone: 'Europe/Berlin',
    });

    const { createUser } = await client.ok(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role customerId tenantId } }`,
      {
        input: {
          email: 'Buyer@Acme.test',
          name: 'Buyer',
          password: TEST_PASSWORD,
          role: 'CUSTOMER_ADMIN',
          customerId: createCustomer.id,
        },
      },
      token,
    );
    expect(createUser).toMatchObject({
      email: 'buyer@acme.test',
      role: 'CUSTOMER_ADMIN',
      customerId: createCustomer.id,
      tenantId: dealer.tenantId,
    });

    const { createApiKey } = await client.ok(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name prefix scopes revokedAt } } }`,
      { input: { name: 'ERP', scopes: ['METERS_READ', 'CUSTOMERS_READ'] } },
      token,
    );
    expect(createApiKey.secret).toMatch(
      new RegExp(`^pb_${createApiKey.apiKey.prefix}_[A-Za-z0-9_-]{43}$`),
    );
    expect(createApiKey.apiKey).toMatchObject({
      name: 'ERP',
      scopes: ['METERS_READ', 'CUSTOMERS_READ'],
      revokedAt: null,
    });
    const stored = await t.prisma.apiKey.findFirstOrThrow({
      where: { tenantId: dealer.tenantId, id: createApiKey.apiKey.id },
    });
    expect(stored.keyHash).not.toContain(createApiKey.secret);
    expect(JSON.stringify(stored)).not.toContain(createApiKey.secret.split('_').at(-1));

    const listed = await client.ok(
      `{
        customers { edges { node { id name sites { edges { node { id name } } } } } pageInfo { hasNextPage } }
        users { edges { node { email role customer { name } } } }
        apiKeys { edges { node { id prefix } } }
        auditEvents(first: 10) { edges { node { action targetType actor } } }
      }`,
      {},
      token,
    );
    expect(listed['customers'].edges).toEqual([
      {
        node: {
          id: createCustomer.id,
          name: 'Acme GmbH',
          sites: { edges: [{ node: { id: createSite.id, name: 'Berlin' } }] },
        },
      },
    ]);
    expect(listed['users'].edges.map((edge: any) => edge.node)).toEqual([
      { email: dealer.adminEmail, role: 'DEALER_ADMIN', customer: null },
      { email: 'buyer@acme.test', role: 'CUSTOMER_ADMIN', customer: { name: 'Acme GmbH' } },
    ]);
    expect(listed['apiKeys'].edges).toEqual([
      { node: { id: createApiKey.apiKey.id, prefix: createApiKey.apiKey.prefix } },
    ]);
    const actions = listed['auditEvents'].edges.map((edge: any) => edge.node.action);
    expect(actions.slice(0, 4)).toEqual([
      'api_key.create',
      'user.create',
      'site.create',
      'customer.create',
    ]);
    expect(actions).toContain('tenant.create');

    const customerAdmin = await signIn(client, 'buyer@acme.test');
    const seen = await client.ok(
      `{ customers { edges { node { id } } } me { customerId } }`,
      {},
      customerAdmin.accessToken,
    );
    expect(seen['customers'].edges).toEqual([{ node: { id: createCustomer.id } }]);
    expect(seen['me']).toEqual({ customerId: createCustomer.id });
  }, 60_000);

  it('pages through a list with opaque cursors', async () => {
    const operator = await signIn(client, t.operator.email, t.operator.password);
    const dealer = await createDealer(client, operator.accessToken, 'pages');
    for (const name of ['A', 'B', 'C', 'D', 'E']) {
      await client.ok(
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        { input: { name } },
        dealer.adminToken,
      );
    }
    const names: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const page: any = await client.ok(
        `query($after: String) { customers(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        dealer.adminToken,
      );
      names.push(...page.customers.edges.map((edge: any) => edge.node.name));
      if (!page.customers.pageInfo.hasNextPage) break;
      after = page.customers.pageInfo.endCursor;
    }
    expect(names).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(
      await client.errorCode(
        `{ customers(first: 2, after: "garbage") { edges { cursor } } }`,
        {},
        dealer.adminToken,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await client.errorCode(
        `{ customers(first: 500) { edges { cursor } } }`,
        {},
        dealer.adminToken,
      ),
    ).toBe('BAD_USER_INPUT');
  }, 60_000);

  it('lists dealer tenants newest first, so the one just created leads the first page', async () => {
    const operator = await signIn(client, t.operator.email, t.operator.password);
    const older = await createDealer(client, operator.accessToken, 'older');
    const newer = await createDealer(client, operator.accessToken, 'newer');
    // Other suites create tenants in the same database meanwhile: walk pages until both are seen.
    const ids: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 50 && !ids.includes(older.tenantId); pageNo++) {
      const page: any = await client.ok(
        `query($after: String) { tenants(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        operator.accessToken,
      );
      ids.push(...page.tenants.edges.map((edge: any) => edge.node.id));
      if (!page.tenants.pageInfo.hasNextPage) break;
      after = page.tenants.pageInfo.endCursor;
    }
    expect(ids.indexOf(newer.tenantId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.tenantId)).toBeLessThan(ids.indexOf(older.tenantId));
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);

  it('rejects invalid input with BAD_USER_INPUT and writes nothing', async () => {
    const operator = await signIn(client, t.operator.email, t.operator.password);
    // Counted by this test's own name: other suites create tenants in the same database meanwhile.
    const name = `Refused ${Date.now()}-${Math.random()}`;
    const refusedTenants = () => t.prisma.tenant.count({ where: { name } });
    const bad = await client.request(
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
      {
        input: {
          name,
          slug: 'Not A Slug!',
          admin: { email: 'not-an-email', name: 'A', password: 'short' },
        },
      },
      operator.accessToken,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (bad.errors?.[0]?.extensions?.['problems'] as { field: string }[]).map((p) => p.field).sort(),
    ).toEqual(['input.admin.email', 'input.admin.password', 'input.slug']);
    expect(await refusedTenants()).toBe(0);

    // A variable of the wrong type never reaches a resolver.
    const dealer = await createDealer(client, operator.accessToken, 'badinput');
    const customersBefore = await t.prisma.customer.count({ where: { tenantId: dealer.tenantId } });
    expect(
      await client.errorCode(
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        { input: { name: 42 } },
        dealer.adminToken,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await client.errorCode(
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        { input: { name: '   ' } },
        dealer.adminToken,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await client.errorCode(`{ customer(id: "not-a-uuid") { id } }`, {}, dealer.adminToken),
    ).toBe('BAD_USER_INPUT');
    expect(await t.prisma.customer.count({ where: { tenantId: dealer.tenantId } })).toBe(
      customersBefore,
    );

    // A site for an unknown customer: NOT_FOUND, nothing written, the audit trail untouched.
    const auditBefore = await t.prisma.auditEvent.count({ where: { tenantId: dealer.tenantId } });
    expect(
      await client.errorCode(
        `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
        { input: { customerId: '5b0c1d6e-0000-4000-8000-000000000000', name: 'Nowhere' } },
        dealer.adminToken,
      ),
    ).toBe('NOT_FOUND');
    expect(await t.prisma.site.count({ where: { tenantId: dealer.tenantId } })).toBe(0);
    expect(await t.prisma.auditEvent.count({ where: { tenantId: dealer.tenantId } })).toBe(
      auditBefore,
    );
  }, 60_000);

  it('refuses a duplicate slug with CONFLICT and a duplicate email in the tenant with CONFLICT', async () => {
    const operator = await signIn(client, t.operator.email, t.operator.password);
    const dealer = await createDealer(client, operator.accessToken, 'dupes');
    expect(
      await client.errorCode(
        `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
        {
          input: {
            name: 'Again',
            slug: dealer.slug,
            admin: { email: 'x@y.test', name: 'X', password: TEST_PASSWORD },
          },
        },
        operator.accessToken,
      ),
    ).toBe('CONFLICT');
    expect(
      await client.errorCode(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        {
          input: {
            email: dealer.adminEmail.toUpperCase(),
            name: 'Twin',
            password: TEST_PASSWORD,
            role: 'DEALER_TECHNICIAN',
          },
        },
        dealer.adminToken,
      ),
    ).toBe('CONFLICT');
  }, 60_000);

  it('serves /health and /ready without authentication, and denies REST and GraphQL by default', async () => {
    expect(await (await fetch(`${t.baseUrl}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${t.baseUrl}/ready`)).json()).toEqual({ status: 'ready' });
    expect(await client.errorCode(`{ me { id } }`)).toBe('UNAUTHENTICATED');
    const response = await fetch(`${t.baseUrl}/health`, {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  }, 60_000);
});
