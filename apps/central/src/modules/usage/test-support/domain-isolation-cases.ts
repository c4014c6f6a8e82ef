import type { PrismaClient } from '@prisma/client';
import type { GraphqlClient } from '../../../platform/graphql/test-support/graphql-client.js';

/**
 * Tenant-isolation cases for the billing/supplies/alerts/webhooks fields, in the shape of
 * modules/tenant-isolation.int-spec.ts's CASES (its World has all of this): spread
 * `...DOMAIN_ISOLATION_CASES` into CASES once these modules are in AppModule. Tenant A owns
 * customers X and Y; attackers are B's dealer admin (aiming at A) and X's customer admin
 * (aiming at Y). Each case arranges the A-side rows it needs through the raw client.
 */
export type IsolationWorld = {
  client: GraphqlClient;
  a: { tenantId: string; adminToken: string };
  b: { tenantId: string; adminToken: string };
  x: { customerId: string; token: string };
  y: { customerId: string };
  fleet: Record<'x' | 'y', { agentId: string; deviceId: string }>;
};
export type IsolationApp = { prisma: PrismaClient };
export type IsolationCase = (w: IsolationWorld, t: IsolationApp) => Promise<void>;

const ids = (connection: { edges: { node: { id?: string; deviceId?: string } }[] }) =>
  connection.edges.map((edge) => edge.node.id ?? edge.node.deviceId);

async function expectCode(
  w: IsolationWorld,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  codes: string[],
) {
  const code = await w.client.errorCode(query, variables, token);
  if (!codes.includes(code ?? ''))
    throw new Error(`expected ${codes.join('|')}, got ${code}: ${query}`);
}

function expectEqual(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function deviceOf(t: IsolationApp, deviceId: string) {
  return t.prisma.device.findFirstOrThrow({ where: { id: deviceId } });
}

/** A meter discontinuity on the device (two reads, the second lower). */
async function discontinuity(t: IsolationApp, deviceId: string) {
  const device = await deviceOf(t, deviceId);
  const base = { tenantId: device.tenantId, customerId: device.customerId, deviceId };
  const stamp = Date.now() + Math.floor(Math.random() * 1e6);
  const before = await t.prisma.meterRead.create({
    data: {
      ...base,
      readAt: new Date(stamp),
      lastSeenAt: new Date(stamp),
      counters: { total: 1000 },
    },
  });
  const after = await t.prisma.meterRead.create({
    data: {
      ...base,
      readAt: new Date(stamp + 1000),
      lastSeenAt: new Date(stamp + 1000),
      counters: { total: 5 },
    },
  });
  return t.prisma.meterDiscontinuity.create({
    data: {
      ...base,
      counter: 'total',
      beforeReadId: before.id,
      afterReadId: after.id,
      beforeValue: 1000n,
      afterValue: 5n,
    },
  });
}

async function order(t: IsolationApp, deviceId: string) {
  const device = await deviceOf(t, deviceId);
  const base = { tenantId: device.tenantId, customerId: device.customerId, deviceId };
  const supply = await t.prisma.supply.create({
    data: { ...base, supplyKey: `iso-${Math.random()}`, type: 'toner', color: 'black', percent: 5 },
  });
  return t.prisma.supplyOrder.create({
    data: {
      ...base,
      supplyId: supply.id,
      supplyKey: supply.supplyKey,
      reason: 'THRESHOLD',
      activeKey: supply.id,
    },
  });
}

async function rule(t: IsolationApp, tenantId: string) {
  return t.prisma.replenishmentRule.create({
    data: { tenantId, name: 'iso rule', thresholdPercent: 10 },
  });
}

async function endpoint(t: IsolationApp, tenantId: string) {
  const row = await t.prisma.webhookEndpoint.create({
    data: {
      tenantId,
      url: 'http://127.0.0.1:9/iso',
      secretEncrypted: 'v1:x:y:z',
      eventTypes: ['alert.opened'],
    },
  });
  await t.prisma.webhookDelivery.create({
    data: {
      tenantId,
      endpointId: row.id,
      eventId: crypto.randomUUID(),
      eventType: 'alert.opened',
      payload: {},
      status: 'FAILED',
      nextAttemptAt: null,
    },
  });
  return row;
}

const PERIOD = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

export const DOMAIN_ISOLATION_CASES: Record<string, IsolationCase> = {
  async usage(w) {
    const query = `query($filter: UsageFilter, $from: DateTime!, $to: DateTime!) { usage(filter: $filter, from: $from, to: $to, first: 1000) { edges { node { deviceId } } } }`;
    for (const filter of [
      null,
      { customerId: w.x.customerId },
      { deviceIds: [w.fleet.x.deviceId, w.fleet.y.deviceId] },
    ]) {
      const seen = ids((await w.client.ok(query, { filter, ...PERIOD }, w.b.adminToken))['usage']);
      expectEqual(
        seen.filter((id) => id === w.fleet.x.deviceId || id === w.fleet.y.deviceId),
        [],
        `usage by B (${JSON.stringify(filter)})`,
      );
    }
    expectEqual(
      ids(
        (
          await w.client.ok(query, { filter: { customerId: w.y.customerId }, ...PERIOD }, w.x.token)
        )['usage'],
      ),
      [],
      'usage of Y by X',
    );
    expectEqual(
      ids(
        (
          await w.client.ok(
            query,
            { filter: { deviceIds: [w.fleet.y.deviceId] }, ...PERIOD },
            w.x.token,
          )
        )['usage'],
      ),
      [],
      'usage of Y device by X',
    );
    // The connection-wide totals and read span cover only what the caller may see.
    const totals = `query($filter: UsageFilter, $from: DateTime!, $to: DateTime!) { usage(filter: $filter, from: $from, to: $to, first: 1) { customerTotals { customerId } readSpan { firstReadAt lastReadAt } } }`;
    for (const [filter, token, label] of [
      [{ customerId: w.x.customerId }, w.b.adminToken, 'of X by B'],
      [{ deviceIds: [w.fleet.x.deviceId] }, w.b.adminToken, 'of X device by B'],
      [{ customerId: w.y.customerId }, w.x.token, 'of Y by X'],
    ] as const) {
      const usage = (await w.client.ok(totals, { filter, ...PERIOD }, token))['usage'] as {
        customerTotals: unknown[];
        readSpan: { firstReadAt: unknown; lastReadAt: unknown };
      };
      expectEqual(usage.customerTotals, [], `usage totals ${label}`);
      expectEqual(usage.readSpan, { firstReadAt: null, lastReadAt: null }, `read span ${label}`);
    }
  },
  async billingExport(w) {
    const query = `query($customerId: ID, $from: DateTime!, $to: DateTime!) { billingExport(customerId: $customerId, from: $from, to: $to, first: 1000) { rows { deviceId } customerTotals { customerId } } }`;
    type Page = { rows: { deviceId: string }[]; customerTotals: { customerId: string }[] };
    const foreign = [w.fleet.x.deviceId, w.fleet.y.deviceId];
    for (const customerId of [null, w.x.customerId]) {
      const page = (await w.client.ok(query, { customerId, ...PERIOD }, w.b.adminToken))[
        'billingExport'
      ] as Page;
      expectEqual(
        page.rows.filter((row) => foreign.includes(row.deviceId)),
        [],
        `billing export rows by B (${customerId})`,
      );
      expectEqual(
        page.customerTotals.filter(
          (total) => total.customerId === w.x.customerId || total.customerId === w.y.customerId,
        ),
        [],
        `billing export totals by B (${customerId})`,
      );
    }
    for (const customerId of [null, w.y.customerId]) {
      const page = (await w.client.ok(query, { customerId, ...PERIOD }, w.x.token))[
        'billingExport'
      ] as Page;
      expectEqual(
        page.rows.filter((row) => row.deviceId === w.fleet.y.deviceId),
        [],
        `billing export rows of Y by X (${customerId})`,
      );
      expectEqual(
        page.customerTotals.filter((total) => total.customerId === w.y.customerId),
        [],
        `billing export totals of Y by X (${customerId})`,
      );
    }
  },
  async billingExportSchedule(w) {
    const query = `{ billingExportSchedule { recipientEmails } }`;
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
    const mutation = `mutation($input: BillingExportScheduleInput!) { updateBillingExportSchedule(input: $input) { recipientEmails } }`;
    await w.client.ok(
      mutation,
      { input: { recipientEmails: ['a@dealer-a.test'] } },
      w.a.adminToken,
    );
    expectEqual(
      (await w.client.ok(query, {}, w.b.adminToken))['billingExportSchedule'],
      { recipientEmails: [] },
      'billing export schedule of A seen by B',
    );
  },
  async updateBillingExportSchedule(w) {
    const query = `{ billingExportSchedule { recipientEmails } }`;
    const mutation = `mutation($input: BillingExportScheduleInput!) { updateBillingExportSchedule(input: $input) { recipientEmails } }`;
    const before = (await w.client.ok(query, {}, w.a.adminToken))['billingExportSchedule'];
    await expectCode(w, w.x.token, mutation, { input: { recipientEmails: ['x@x.test'] } }, [
      'FORBIDDEN',
    ]);
    await w.client.ok(
      mutation,
      { input: { recipientEmails: ['b@dealer-b.test'] } },
      w.b.adminToken,
    );
    expectEqual(
      (await w.client.ok(query, {}, w.a.adminToken))['billingExportSchedule'],
      before,
      'billing export schedule of A after B changed its own',
    );
  },
  async billingExportFiles(w) {
    const run = `mutation($input: RunBillingExportInput!) { runBillingExport(input: $input) { id } }`;
    const made = (await w.client.ok(run, { input: PERIOD }, w.a.adminToken))[
      'runBillingExport'
    ] as {
      id: string;
    };
    const query = `{ billingExportFiles(first: 100) { id } }`;
    const byB = (await w.client.ok(query, {}, w.b.adminToken))['billingExportFiles'] as {
      id: string;
    }[];
    expectEqual(
      byB.filter((file) => file.id === made.id),
      [],
      'billing export files of A seen by B',
    );
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
  },
  async runBillingExport(w) {
    const run = `mutation($input: RunBillingExportInput!) { runBillingExport(input: $input) { id rowCount } }`;
    await expectCode(w, w.x.token, run, { input: PERIOD }, ['FORBIDDEN']);
    const made = (await w.client.ok(run, { input: PERIOD }, w.b.adminToken))[
      'runBillingExport'
    ] as {
      id: string;
    };
    const byA = (
      await w.client.ok(`{ billingExportFiles(first: 100) { id } }`, {}, w.a.adminToken)
    )['billingExportFiles'] as { id: string }[];
    expectEqual(
      byA.filter((file) => file.id === made.id),
      [],
      'billing export file of B seen by A',
    );
  },
  async createBillingExportFileLink(w) {
    const run = `mutation($input: RunBillingExportInput!) { runBillingExport(input: $input) { id } }`;
    const made = (await w.client.ok(run, { input: PERIOD }, w.a.adminToken))[
      'runBillingExport'
    ] as {
      id: string;
    };
    const link = `mutation($id: ID!) { createBillingExportFileLink(id: $id) { url } }`;
    await expectCode(w, w.b.adminToken, link, { id: made.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, link, { id: made.id }, ['FORBIDDEN']);
  },
  async missingMeterReads(w) {
    const query = `{ missingMeterReads(billingDate: "2100-01-01T00:00:00Z", first: 1000) { edges { node { deviceId } } } }`;
    const byB = ids((await w.client.ok(query, {}, w.b.adminToken))['missingMeterReads']);
    expectEqual(
      byB.filter((id) => id === w.fleet.x.deviceId || id === w.fleet.y.deviceId),
      [],
      'missing meters by B',
    );
    expectEqual(
      ids((await w.client.ok(query, {}, w.x.token))['missingMeterReads']).includes(
        w.fleet.y.deviceId,
      ),
      false,
      'missing meters of Y by X',
    );
  },
  async meterDiscontinuities(w, t) {
    const target = await discontinuity(t, w.fleet.y.deviceId);
    const query = `{ meterDiscontinuities(first: 100) { edges { node { id } } } }`;
    expectEqual(
      ids((await w.client.ok(query, {}, w.b.adminToken))['meterDiscontinuities']),
      [],
      'discontinuities by B',
    );
    expectEqual(
      ids((await w.client.ok(query, {}, w.x.token))['meterDiscontinuities']).includes(target.id),
      false,
      'Y discontinuity by X',
    );
  },
  async reviewMeterDiscontinuity(w, t) {
    const target = await discontinuity(t, w.fleet.x.deviceId);
    const query = `mutation($id: ID!) { reviewMeterDiscontinuity(id: $id, input: { action: ACCEPT_RESET }) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
    expectEqual(
      (await t.prisma.meterDiscontinuity.findFirstOrThrow({ where: { id: target.id } })).status,
      'OPEN',
      'still open',
    );
  },
  async createMeterExport(w) {
    const query = `mutation($input: MeterExportInput!) { createMeterExport(input: $input) { url } }`;
    for (const [token, customerId] of [
      [w.b.adminToken, w.x.customerId],
      [w.x.token, w.y.customerId],
    ] as const) {
      await expectCode(w, token, query, { input: { customerId, ...PERIOD } }, ['NOT_FOUND']);
    }
  },
  async replenishmentRules(w, t) {
    await rule(t, w.a.tenantId);
    const query = `{ replenishmentRules(first: 100) { edges { node { id } } } }`;
    expectEqual(
      ids((await w.client.ok(query, {}, w.b.adminToken))['replenishmentRules']),
      [],
      'rules by B',
    );
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
  },
  async createReplenishmentRule(w) {
    const query = `mutation($input: CreateReplenishmentRuleInput!) { createReplenishmentRule(input: $input) { id } }`;
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { name: 'x', customerId: w.x.customerId, thresholdPercent: 5 } },
      ['BAD_USER_INPUT', 'NOT_FOUND'],
    );
    await expectCode(w, w.x.token, query, { input: { name: 'x', thresholdPercent: 5 } }, [
      'FORBIDDEN',
    ]);
  },
  async updateReplenishmentRule(w, t) {
    const target = await rule(t, w.a.tenantId);
    const query = `mutation($id: ID!) { updateReplenishmentRule(id: $id, input: { thresholdPercent: 99 }) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
    expectEqual(
      (await t.prisma.replenishmentRule.findFirstOrThrow({ where: { id: target.id } }))
        .thresholdPercent,
      10,
      'rule unchanged',
    );
  },
  async deleteReplenishmentRule(w, t) {
    const target = await rule(t, w.a.tenantId);
    const query = `mutation($id: ID!) { deleteReplenishmentRule(id: $id) }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
    expectEqual(
      await t.prisma.replenishmentRule.count({ where: { id: target.id } }),
      1,
      'rule kept',
    );
  },
  async supplyOrders(w, t) {
    const mine = await order(t, w.fleet.x.deviceId);
    const theirs = await order(t, w.fleet.y.deviceId);
    const query = `{ supplyOrders(first: 100) { edges { node { id } } } }`;
    expectEqual(
      ids((await w.client.ok(query, {}, w.b.adminToken))['supplyOrders']),
      [],
      'orders by B',
    );
    const byX = ids((await w.client.ok(query, {}, w.x.token))['supplyOrders']);
    expectEqual([byX.includes(mine.id), byX.includes(theirs.id)], [true, false], 'orders by X');
  },
  async updateSupplyOrder(w, t) {
    const target = await order(t, w.fleet.x.deviceId);
    const query = `mutation($id: ID!) { updateSupplyOrder(id: $id, input: { status: CANCELLED }) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
    expectEqual(
      (await t.prisma.supplyOrder.findFirstOrThrow({ where: { id: target.id } })).status,
      'OPEN',
      'order unchanged',
    );
  },
  async alerts(w, t) {
    const device = await deviceOf(t, w.fleet.y.deviceId);
    const alert = await t.prisma.alert.create({
      data: {
        tenantId: device.tenantId,
        customerId: device.customerId,
        deviceId: device.id,
        code: 'JAM',
        severity: 'CRITICAL',
        source: 'DEVICE_STATUS',
        openedAt: new Date(),
        lastSeenAt: new Date(),
        openKey: `${device.id}:JAM:${Math.random()}`,
      },
    });
    const query = `{ alerts(first: 100) { edges { node { id } } } }`;
    expectEqual(ids((await w.client.ok(query, {}, w.b.adminToken))['alerts']), [], 'alerts by B');
    expectEqual(
      ids((await w.client.ok(query, {}, w.x.token))['alerts']).includes(alert.id),
      false,
      'Y alert by X',
    );
  },
  async webhookEndpoints(w, t) {
    await endpoint(t, w.a.tenantId);
    const query = `{ webhookEndpoints { edges { node { id } } } }`;
    expectEqual(
      ids((await w.client.ok(query, {}, w.b.adminToken))['webhookEndpoints']),
      [],
      'endpoints by B',
    );
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
  },
  async webhookDeliveries(w, t) {
    await endpoint(t, w.a.tenantId);
    const query = `{ webhookDeliveries { edges { node { id } } } }`;
    expectEqual(
      ids((await w.client.ok(query, {}, w.b.adminToken))['webhookDeliveries']),
      [],
      'deliveries by B',
    );
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
  },
  async createWebhookEndpoint(w) {
    await expectCode(
      w,
      w.x.token,
      `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/x", eventTypes: [ALERT_OPENED] }) { secret } }`,
      {},
      ['FORBIDDEN'],
    );
  },
  async updateWebhookEndpoint(w, t) {
    const target = await endpoint(t, w.a.tenantId);
    const query = `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "http://127.0.0.1:9/evil" }) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
    expectEqual(
      (await t.prisma.webhookEndpoint.findFirstOrThrow({ where: { id: target.id } })).url,
      'http://127.0.0.1:9/iso',
      'endpoint unchanged',
    );
  },
  async rotateWebhookEndpointSecret(w, t) {
    const target = await endpoint(t, w.a.tenantId);
    const query = `mutation($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
  },
  async deleteWebhookEndpoint(w, t) {
    const target = await endpoint(t, w.a.tenantId);
    const query = `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
    expectEqual(
      await t.prisma.webhookEndpoint.count({ where: { id: target.id } }),
      1,
      'endpoint kept',
    );
  },
};
