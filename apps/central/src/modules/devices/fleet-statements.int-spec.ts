/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- GraphQL responses are asserted by value with expect(), not by static type */
import pg from 'pg';
import { createTestCustomer } from '../../../../../tools/testing/factories.js';
import {
  DOMAIN_TEST_PASSWORD,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';

const HOUR = 3_600_000;
const DEVICES = 25;
const CUSTOMERS = 10;

type Counted = { statements: number; transactions: number };

/**
 * Counts the SQL statements node-postgres sends for one tenant: every statement on a
 * connection from the transaction's `set_config('app.tenant_id', <tenant>)` to its COMMIT or
 * ROLLBACK. Other tenants' work (other suites, background jobs) on the shared database is not
 * counted, and neither is the owner client's authentication lookup.
 */
function countTenantStatements(tenantId: string) {
  const prototype = pg.Client.prototype as unknown as {
    query: (this: pg.Client, ...args: unknown[]) => unknown;
  };
  const original = prototype.query;
  const inTenantTransaction = new WeakSet<pg.Client>();
  const counted: Counted = { statements: 0, transactions: 0 };
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, second] = args;
    const text = typeof config === 'string' ? config : ((config as { text?: string })?.text ?? '');
    const values =
      typeof config === 'object' && config !== null && 'values' in config
        ? (config as { values?: unknown[] }).values
        : (second as unknown[] | undefined);
    if (text.includes("set_config('app.tenant_id'") && values?.[0] === tenantId) {
      inTenantTransaction.add(this);
      counted.transactions += 1;
    }
    if (inTenantTransaction.has(this)) {
      counted.statements += 1;
      if (/^\s*(COMMIT|ROLLBACK)\b/i.test(text)) inTenantTransaction.delete(this);
    }
    return original.apply(this, args);
  };
  return {
    async during(fn: () => Promise<unknown>): Promise<Counted> {
      const before = { ...counted };
      await fn();
      return {
        statements: counted.statements - before.statements,
        transactions: counted.transactions - before.transactions,
      };
    },
    restore() {
      prototype.query = original;
    },
  };
}

/** Every per-device field of the fleet and device pages, with arguments where they take some. */
const FLEET = `query($first: Int) {
  devices(first: $first) {
    edges { node {
      id serialNumber status
      latestMeterRead { readAt counters }
      supplies { id deviceId supplyKey description percent }
      openAlerts { id deviceId code severity }
      meterReads(first: 2) { edges { node { readAt counters } } pageInfo { hasNextPage } }
      identityChanges(first: 1) { field newValue }
    } }
  }
}`;

describe('GraphQL per-row fields are batched per request (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let counter: ReturnType<typeof countTenantStatements>;
  const now = new Date();

  beforeAll(async () => {
    t = await startDomainTestApp([]);
    a = await t.dealer();
    const tenantId = a.tenant.id;
    const customerId = a.customer.id;
    for (let index = 0; index < DEVICES; index += 1) {
      const serial = `SN${String(index).padStart(2, '0')}`;
      const device = await t.prisma.device.create({
        data: {
          tenantId,
          customerId,
          siteId: a.site.id,
          serialNumber: serial,
          lastSeenAt: new Date(now.getTime() - HOUR),
          detectedErrors: [],
          createdAt: new Date(now.getTime() - (DEVICES - index) * 1000),
        },
      });
      const owned = { tenantId, customerId, deviceId: device.id };
      await t.prisma.supply.createMany({
        data: ['black', 'cyan'].map((color) => ({
          ...owned,
          supplyKey: `toner-${color}`,
          description: `${serial} ${color}`,
          type: 'toner',
          color,
          percent: index,
          readAt: now,
        })),
      });
      await t.prisma.alert.create({
        data: {
          ...owned,
          code: `JAM_${serial}`,
          severity: 'WARNING',
          source: 'DEVICE_STATUS',
          openedAt: now,
          lastSeenAt: now,
          openKey: `${device.id}:JAM`,
        },
      });
      await t.prisma.meterRead.createMany({
        data: [3, 2, 1].map((hoursAgo) => ({
          ...owned,
          readAt: new Date(now.getTime() - hoursAgo * HOUR),
          lastSeenAt: new Date(now.getTime() - hoursAgo * HOUR),
          counters: { total: index * 1000 + (3 - hoursAgo) },
        })),
      });
      await t.prisma.deviceIdentityChange.create({
        data: {
          ...owned,
          field: 'ipAddress',
          oldValue: null,
          newValue: `127.0.1.${index}`,
          changedAt: now,
        },
      });
    }
    for (let index = 1; index < CUSTOMERS; index += 1) {
      const { customer } = await createTestCustomer(t.prisma, tenantId);
      await t.prisma.site.create({
        data: { tenantId, customerId: customer.id, name: 'Second site' },
      });
      await t.prisma.user.create({
        data: {
          tenantId,
          customerId: customer.id,
          email: `viewer-${index}-${customer.id}@customer.test`,
          name: `Viewer ${index}`,
          passwordHash: 'factory:not-a-password-hash',
          role: 'CUSTOMER_VIEWER',
        },
      });
    }
    counter = countTenantStatements(tenantId);
  }, 180_000);
  afterAll(async () => {
    counter?.restore();
    await t?.close();
  });

  /** The fewest statements of two runs: a background job of the tenant may slip into one. */
  const fewest = async (run: () => Promise<unknown>): Promise<Counted> => {
    const first = await counter.during(run);
    const second = await counter.during(run);
    return first.statements <= second.statements ? first : second;
  };

  it('answers the fleet query with as many statements for 25 devices as for 5', async () => {
    const five = await fewest(() => t.client.ok<any>(FLEET, { first: 5 }, a.adminToken));
    const twentyFour = await fewest(() =>
      t.client.ok<any>(FLEET, { first: DEVICES - 1 }, a.adminToken),
    );
    expect(five.transactions).toBeGreaterThan(0);
    expect(twentyFour).toEqual(five);
    // The list, then one transaction per field: far fewer than one per device.
    expect(twentyFour.transactions).toBeLessThan(DEVICES);
  });

  it('counts the fleet only when the page does not reach its end', async () => {
    const partial = await fewest(() => t.client.ok<any>(FLEET, { first: 5 }, a.adminToken));
    const whole = await fewest(() => t.client.ok<any>(FLEET, { first: DEVICES }, a.adminToken));
    expect(whole).toEqual({ ...partial, statements: partial.statements - 1 });
    const counted = `query($first: Int) { devices(first: $first) { totalCount } }`;
    expect((await t.client.ok<any>(counted, { first: 5 }, a.adminToken)).devices.totalCount).toBe(
      DEVICES,
    );
    expect(
      (await t.client.ok<any>(counted, { first: DEVICES }, a.adminToken)).devices.totalCount,
    ).toBe(DEVICES);
  });

  it('gives each device its own rows from the batched statements', async () => {
    const data = await t.client.ok<any>(FLEET, { first: DEVICES }, a.adminToken);
    data.devices.edges.forEach(({ node }: any, index: number) => {
      const serial = `SN${String(index).padStart(2, '0')}`;
      expect(node.serialNumber).toBe(serial);
      expect(node.supplies).toEqual([
        {
          id: expect.any(String),
          deviceId: node.id,
          supplyKey: 'toner-black',
          description: `${serial} black`,
          percent: index,
        },
        {
          id: expect.any(String),
          deviceId: node.id,
          supplyKey: 'toner-cyan',
          description: `${serial} cyan`,
          percent: index,
        },
      ]);
      expect(node.openAlerts).toEqual([
        { id: expect.any(String), deviceId: node.id, code: `JAM_${serial}`, severity: 'WARNING' },
      ]);
      expect(node.latestMeterRead).toEqual({
        readAt: new Date(now.getTime() - HOUR).toISOString(),
        counters: { total: index * 1000 + 2 },
      });
      expect(node.meterReads.edges.map((edge: any) => edge.node.counters.total)).toEqual([
        index * 1000 + 2,
        index * 1000 + 1,
      ]);
      expect(node.meterReads.pageInfo.hasNextPage).toBe(true);
      expect(node.identityChanges).toEqual([{ field: 'ipAddress', newValue: `127.0.1.${index}` }]);
    });
  });

  it('batches customers’ sites and users’ customers the same way', async () => {
    const CUSTOMERS_QUERY = `query($first: Int) {
      customers(first: $first) { edges { node { id sites(first: 1) { edges { node { customerId name } } pageInfo { hasNextPage } } } } }
    }`;
    const USERS_QUERY = `query($first: Int) { users(first: $first) { edges { node { id customerId customer { id } } } } }`;
    const two = await fewest(() => t.client.ok<any>(CUSTOMERS_QUERY, { first: 2 }, a.adminToken));
    const all = await fewest(() =>
      t.client.ok<any>(CUSTOMERS_QUERY, { first: CUSTOMERS }, a.adminToken),
    );
    const customers = await t.client.ok<any>(CUSTOMERS_QUERY, { first: CUSTOMERS }, a.adminToken);
    expect(customers.customers.edges).toHaveLength(CUSTOMERS);
    for (const { node } of customers.customers.edges) {
      expect(node.sites.edges).toHaveLength(1);
      expect(node.sites.edges[0].node.customerId).toBe(node.id);
      expect(node.sites.pageInfo.hasNextPage).toBe(node.id !== a.customer.id);
    }
    expect(all).toEqual(two);

    const fewUsers = await fewest(() => t.client.ok<any>(USERS_QUERY, { first: 3 }, a.adminToken));
    const manyUsers = await fewest(() =>
      t.client.ok<any>(USERS_QUERY, { first: CUSTOMERS + 2 }, a.adminToken),
    );
    const users = await t.client.ok<any>(USERS_QUERY, { first: CUSTOMERS + 2 }, a.adminToken);
    expect(users.users.edges.length).toBeGreaterThanOrEqual(CUSTOMERS);
    for (const { node } of users.users.edges)
      expect(node.customer?.id ?? null).toBe(node.customerId);
    expect(manyUsers).toEqual(fewUsers);
  });

  it('serves a customer user the same batched fields, and another tenant none', async () => {
    const { accessToken } = (
      await t.client.ok<{ signIn: { accessToken: string } }>(
        `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`,
        { email: a.users!.customerAdmin.email, password: DOMAIN_TEST_PASSWORD },
      )
    ).signIn;
    const own = await t.client.ok<any>(FLEET, { first: DEVICES }, accessToken);
    expect(own.devices.edges).toHaveLength(DEVICES);
    for (const { node } of own.devices.edges) {
      expect(node.supplies).toHaveLength(2);
      expect(node.openAlerts).toHaveLength(1);
      expect(node.latestMeterRead).not.toBeNull();
    }
    const other = await t.dealer();
    const none = await t.client.ok<any>(FLEET, { first: DEVICES }, other.adminToken);
    expect(none.devices.edges).toEqual([]);
  });
});
