import type { Device, Supply } from '@prisma/client';
import { DevicesModule } from '../devices/devices.module.js';
import { JobsModule } from '../../platform/jobs/jobs.module.js';
import { SuppliesModule } from '../supplies/supplies.module.js';
import {
  createApiKeyFor,
  inTenant,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ReplenishmentModule } from './replenishment.module.js';
import { REPLENISHMENT_EVALUATE_JOB, ReplenishmentService } from './replenishment.service.js';
import { ReplenishmentWorker } from './replenishment.worker.js';

const DAY = 86_400_000;

describe('supplies forecast and replenishment (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  let replenishment: ReplenishmentService;
  let device: Device;
  const supplies: Record<string, Supply> = {};
  const now = Date.now();

  const level = (supply: Supply, percent: number, at: number) =>
    t.prisma.$transaction([
      t.prisma.supplyLevel.create({
        data: {
          tenantId: supply.tenantId,
          customerId: supply.customerId,
          deviceId: supply.deviceId,
          supplyId: supply.id,
          percent,
          level: percent,
          maxCapacity: 100,
          state: 'OK',
          readAt: new Date(at),
        },
      }),
      t.prisma.supply.update({
        where: { tenantId_id: { tenantId: supply.tenantId, id: supply.id } },
        data: { percent, level: percent, readAt: new Date(at) },
      }),
    ]);
  const ordersOf = (deviceId: string) =>
    t.prisma.supplyOrder.findMany({ where: { deviceId }, orderBy: { supplyKey: 'asc' } });
  const evaluate = (deviceId: string) =>
    inTenant(device.tenantId, () => replenishment.evaluateDevice(deviceId));

  beforeAll(async () => {
    t = await startDomainTestApp([
      JobsModule,
      WebhooksModule,
      DevicesModule,
      SuppliesModule,
      ReplenishmentModule,
    ]);
    replenishment = t.app.get(ReplenishmentService);
    a = await t.dealer();
    b = await t.dealer();
    device = await t.prisma.device.create({
      data: {
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        siteId: a.site.id,
        serialNumber: 'TONER-1',
        manufacturer: 'Kyocera',
        model: 'TASKalfa 2554ci',
      },
    });
    for (const color of ['black', 'cyan', 'magenta', 'yellow']) {
      supplies[color] = await t.prisma.supply.create({
        data: {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          deviceId: device.id,
          supplyKey: `toner-${color}`,
          type: 'toner',
          color,
          description: `${color} toner`,
          partNumber: `TK-${color}`,
        },
      });
    }
    // 16 days of daily levels: black 80 → 50 (2 %/day), cyan 38 → 8, magenta 50 → 20, yellow 85 → 70.
    for (let day = 15; day >= 0; day--) {
      const at = now - day * DAY;
      await level(supplies['black']!, 50 + 2 * day, at);
      await level(supplies['cyan']!, 8 + 2 * day, at);
      await level(supplies['magenta']!, 20 + 2 * day, at);
      await level(supplies['yellow']!, 70 + day, at);
    }
    // The device's page counter: 500 pages a day.
    for (let day = 15; day >= 0; day--) {
      await t.prisma.meterRead.create({
        data: {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          deviceId: device.id,
          readAt: new Date(now - day * DAY - 60_000),
          lastSeenAt: new Date(now - day * DAY - 60_000),
          counters: { total: 100_000 + 500 * (15 - day) },
        },
      });
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('forecasts days to empty of a synthetic depletion series, through the device query', async () => {
    const data = await t.client.ok<{
      device: {
        supplies: {
          supplyKey: string;
          forecast: {
            available: boolean;
            daysToEmpty: number;
            confidence: string;
            percentPerDay: number;
            pagesToEmpty: number;
            percentPer1000Pages: number;
            samples: number;
          };
          levels: { percent: number }[];
        }[];
      };
    }>(
      `query($id: ID!) { device(id: $id) { supplies { supplyKey levels(first: 3) { percent } forecast { available daysToEmpty confidence percentPerDay pagesToEmpty percentPer1000Pages samples } } } }`,
      { id: device.id },
      a.adminToken,
    );
    const black = data.device.supplies.find((s) => s.supplyKey === 'toner-black')!;
    expect(black.levels.map((l) => l.percent)).toEqual([50, 52, 54]);
    expect(black.forecast).toMatchObject({
      available: true,
      confidence: 'HIGH',
      percentPerDay: 2,
      samples: 16,
    });
    expect(black.forecast.daysToEmpty).toBeCloseTo(25, 0);
    // 2 % a day at 500 pages a day: 4 % per 1,000 pages, 50 % left → 12,500 pages.
    expect(black.forecast.percentPer1000Pages).toBeCloseTo(4, 1);
    expect(black.forecast.pagesToEmpty).toBeGreaterThan(12_000);
    expect(black.forecast.pagesToEmpty).toBeLessThan(13_000);
  }, 60_000);

  it('rule → order (with consolidation) through the pg-boss job, no duplicate, shaken cartridge ignored, swap fulfils', async () => {
    await t.client.ok(
      `mutation($input: CreateReplenishmentRuleInput!) { createReplenishmentRule(input: $input) { id } }`,
      {
        input: {
          name: 'Toner at 10 %',
          supplyType: 'toner',
          thresholdPercent: 10,
          cooldownHours: 0,
        },
      },
      a.adminToken,
    );
    const endpoint = await t.client.ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/unused", eventTypes: [SUPPLY_ORDER_CREATED] }) { endpoint { id } } }`,
      {},
      a.adminToken,
    );

    await replenishment.enqueueEvaluation(a.tenant.id, [device.id]);
    const deadline = Date.now() + 30_000;
    let orders = await ordersOf(device.id);
    while (orders.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      orders = await ordersOf(device.id);
    }
    expect(orders.map((o) => [o.supplyKey, o.status, o.reason, o.partNumber])).toEqual([
      ['toner-cyan', 'OPEN', 'THRESHOLD', 'TK-cyan'],
      ['toner-magenta', 'OPEN', 'CONSOLIDATED', 'TK-magenta'],
    ]);
    expect(orders[0]!.consolidationGroup).not.toBeNull();
    expect(orders[0]!.consolidationGroup).toBe(orders[1]!.consolidationGroup);
    expect(orders[0]!.percentAtOrder).toBe(8);
    // One supply_order.created event per order in the outbox (the receiver is a closed loopback port).
    expect(
      await t.prisma.webhookDelivery.count({
        where: {
          endpointId: endpoint.createWebhookEndpoint.endpoint.id,
          eventType: 'supply_order.created',
        },
      }),
    ).toBe(2);

    // Evaluating again, even concurrently, creates nothing new.
    await Promise.all([evaluate(device.id), evaluate(device.id), evaluate(device.id)]);
    expect(await ordersOf(device.id)).toHaveLength(2);

    // Shaken cartridge: cyan 8 → 14.
    await level(supplies['cyan']!, 14, now + 60_000);
    await evaluate(device.id);
    expect((await ordersOf(device.id)).map((o) => o.status)).toEqual(['OPEN', 'OPEN']);

    // Swap: cyan → 100 fulfils the cyan order only.
    await level(supplies['cyan']!, 100, now + 120_000);
    await evaluate(device.id);
    const after = await ordersOf(device.id);
    expect(after.map((o) => [o.supplyKey, o.status])).toEqual([
      ['toner-cyan', 'FULFILLED'],
      ['toner-magenta', 'OPEN'],
    ]);
    expect(after[0]!.fulfilledAt?.getTime()).toBe(now + 120_000);

    // Cyan empties again: a new order may follow the fulfilled one.
    await level(supplies['cyan']!, 9, now + 180_000);
    await evaluate(device.id);
    expect(
      (await ordersOf(device.id))
        .filter((o) => o.supplyKey === 'toner-cyan')
        .map((o) => o.status)
        .sort(),
    ).toEqual(['FULFILLED', 'OPEN']);
  }, 60_000);

  it('orders through GraphQL with API key scopes; another tenant sees none', async () => {
    const reader = await createApiKeyFor(t.client, a.adminToken, ['SUPPLIES_READ']);
    const writer = await createApiKeyFor(t.client, a.adminToken, [
      'SUPPLIES_READ',
      'SUPPLIES_WRITE',
    ]);
    const list = await t.client.ok<{
      supplyOrders: { edges: { node: { id: string; supplyKey: string; status: string } }[] };
    }>(
      `{ supplyOrders(status: [OPEN], first: 50) { edges { node { id supplyKey status } } } }`,
      {},
      reader,
    );
    const magenta = list.supplyOrders.edges
      .map((e) => e.node)
      .find((n) => n.supplyKey === 'toner-magenta')!;
    expect(magenta.status).toBe('OPEN');

    const update = `mutation($id: ID!, $input: UpdateSupplyOrderInput!) { updateSupplyOrder(id: $id, input: $input) { status externalRef exportedAt } }`;
    expect(
      (await t.client.request(update, { id: magenta.id, input: { status: 'EXPORTED' } }, reader))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const exported = await t.client.ok<{
      updateSupplyOrder: { status: string; externalRef: string; exportedAt: string };
    }>(update, { id: magenta.id, input: { status: 'EXPORTED', externalRef: 'ERP-42' } }, writer);
    expect(exported.updateSupplyOrder).toMatchObject({ status: 'EXPORTED', externalRef: 'ERP-42' });
    await t.client.ok(update, { id: magenta.id, input: { status: 'CANCELLED' } }, writer);
    expect(
      (await t.client.request(update, { id: magenta.id, input: { status: 'OPEN' } }, writer))
        .errors?.[0]?.extensions?.code,
    ).toBe('CONFLICT');

    const bKey = await createApiKeyFor(t.client, b.adminToken, ['SUPPLIES_READ', 'SUPPLIES_WRITE']);
    const seenByB = await t.client.ok<{ supplyOrders: { edges: unknown[] } }>(
      `{ supplyOrders(first: 100) { edges { node { id } } } }`,
      {},
      bKey,
    );
    expect(seenByB.supplyOrders.edges).toEqual([]);
    expect(
      (await t.client.request(update, { id: magenta.id, input: { externalRef: 'x' } }, bKey))
        .errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    const rulesByB = await t.client.ok<{ replenishmentRules: { edges: unknown[] } }>(
      `{ replenishmentRules { edges { node { id } } } }`,
      {},
      b.adminToken,
    );
    expect(rulesByB.replenishmentRules.edges).toEqual([]);
  }, 60_000);

  it('a rule needs a trigger', async () => {
    const result = await t.client.request(
      `mutation { createReplenishmentRule(input: { name: "nothing" }) { id } }`,
      {},
      a.adminToken,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 60_000);

  it('the sweep queues an evaluation for each device whose supplies changed, in its tenant', async () => {
    const c = await t.dealer();
    await t.client.ok(
      `mutation { createReplenishmentRule(input: { name: "Toner at 10 %", supplyType: "toner", thresholdPercent: 10, cooldownHours: 0 }) { id } }`,
      {},
      c.adminToken,
    );
    // The sweep sees every tenant of the run's database: a window in the future holds only these.
    const since = new Date(now + 10 * DAY);
    const lowTonerDevice = async (serialNumber: string, updatedAt: Date) => {
      const row = await t.prisma.device.create({
        data: {
          tenantId: c.tenant.id,
          customerId: c.customer.id,
          siteId: c.site.id,
          serialNumber,
        },
      });
      await t.prisma.supply.create({
        data: {
          tenantId: c.tenant.id,
          customerId: c.customer.id,
          deviceId: row.id,
          supplyKey: 'toner-black',
          type: 'toner',
          color: 'black',
          percent: 5,
          level: 5,
          updatedAt,
        },
      });
      return row;
    };
    const changed = await lowTonerDevice('SWEEP-CHANGED', new Date(since.getTime() + 60_000));
    const unchanged = await lowTonerDevice('SWEEP-UNCHANGED', new Date(now - DAY));

    expect(await t.app.get(ReplenishmentWorker).sweep(since)).toBe(1);
    const queued = await t.prisma.$queryRawUnsafe<
      { data: { tenantId: string; deviceIds: string[] } }[]
    >(
      `SELECT data FROM "${t.config.jobQueueSchema}".job WHERE name = $1 AND data->>'tenantId' = $2`,
      REPLENISHMENT_EVALUATE_JOB,
      c.tenant.id,
    );
    expect(queued.map((job) => job.data.deviceIds)).toEqual([[changed.id]]);

    // The queued job evaluates in the device's tenant: its rule orders the low toner.
    const deadline = Date.now() + 30_000;
    let orders = await ordersOf(changed.id);
    while (orders.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      orders = await ordersOf(changed.id);
    }
    expect(orders.map((o) => [o.tenantId, o.supplyKey, o.reason])).toEqual([
      [c.tenant.id, 'toner-black', 'THRESHOLD'],
    ]);
    expect(await ordersOf(unchanged.id)).toEqual([]);
  }, 60_000);
});
