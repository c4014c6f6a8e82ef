import {
  device,
  enrolledAgentOf,
  pack,
  payloadOf,
  reading,
  startChannel,
  upload,
  type AgentIdentity,
  type Channel,
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';
import { forecastSupply } from '@printbeat/domain';
import type { DevicePayload } from '@printbeat/payload';
import { AuditService } from '../audit/audit.service.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import {
  REPLENISHMENT_EVALUATE_JOB,
  ReplenishmentService,
} from '../replenishment/replenishment.service.js';
import { WEBHOOK_DELIVER_JOB } from '../webhooks/webhook-settings.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { SuppliesService, toModel } from '../supplies/supplies.service.js';
import { inTenant } from '../usage/test-support/domain-test-app.js';

/** Ingest through the gateway, checked through GraphQL: the domain rules act on uploads. */
describe('ingest of uploads into the domain (meters, alerts, replenishment)', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'ingest-domain');
  }, 120_000);
  afterAll(() => channel?.t.close());

  async function send(devices: DevicePayload[]): Promise<void> {
    const { agent } = fleet;
    const response = await upload(
      channel,
      agent,
      await pack(agent, payloadOf(agent.agentId, devices)),
    );
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('accepted');
  }
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    channel.t.client.ok<T>(query, variables, fleet.dealer.adminToken);
  /** Replenishment evaluation jobs queued (their devices) and devices evaluated (calls pass through). */
  function watchEvaluations() {
    const replenishment = channel.t.app.get(ReplenishmentService);
    const evaluate0 = replenishment.evaluateDevices.bind(replenishment);
    const enqueue0 = replenishment.enqueueEvaluation.bind(replenishment);
    const seen = { jobs: [] as string[][], runs: [] as string[] };
    replenishment.evaluateDevices = (ids, now) => {
      seen.runs.push(...ids);
      return evaluate0(ids, now);
    };
    replenishment.enqueueEvaluation = (tenantId, ids) => {
      seen.jobs.push([...ids]);
      return enqueue0(tenantId, ids);
    };
    return {
      ...seen,
      stop: () => {
        replenishment.evaluateDevices = evaluate0;
        replenishment.enqueueEvaluation = enqueue0;
      },
    };
  }
  const deviceId = async (serial: string) =>
    (
      await channel.t.prisma.device.findFirstOrThrow({
        where: { tenantId: fleet.dealer.tenantId, serialNumber: serial },
      })
    ).id;

  it('a counter that goes down opens a discontinuity, visible through GraphQL', async () => {
    await send([
      device('ROLL0001', '127.10.7.1', [reading('2026-04-01T10:00:00.000Z', 90_000, 70)]),
    ]);
    // Board swap: the counters restart near zero.
    await send([device('ROLL0001', '127.10.7.1', [reading('2026-04-02T10:00:00.000Z', 350, 69)])]);
    const id = await deviceId('ROLL0001');
    const data = await gql<{
      meterDiscontinuities: {
        edges: {
          node: {
            counter: string;
            status: string;
            beforeValue: number;
            afterValue: number;
            beforeReadAt: string;
            afterReadAt: string;
          };
        }[];
      };
    }>(
      `query($d: ID) { meterDiscontinuities(deviceId: $d, first: 10) { edges { node { counter status beforeValue afterValue beforeReadAt afterReadAt } } } }`,
      { d: id },
    );
    const nodes = data.meterDiscontinuities.edges
      .map((e) => e.node)
      .sort((x, y) => x.counter.localeCompare(y.counter));
    expect(nodes).toEqual([
      {
        counter: 'mono',
        status: 'OPEN',
        beforeValue: 89_900,
        afterValue: 250,
        beforeReadAt: '2026-04-01T10:00:00.000Z',
        afterReadAt: '2026-04-02T10:00:00.000Z',
      },
      {
        counter: 'total',
        status: 'OPEN',
        beforeValue: 90_000,
        afterValue: 350,
        beforeReadAt: '2026-04-01T10:00:00.000Z',
        afterReadAt: '2026-04-02T10:00:00.000Z',
      },
    ]);
    // Both readings are kept (append-only).
    expect(await channel.t.prisma.meterRead.count({ where: { deviceId: id } })).toBe(2);
  }, 60_000);

  it('current supply and device state follow the newest reading: a new part number is stored, a late older reading changes nothing', async () => {
    const newer = reading('2026-04-05T10:00:00.000Z', 5_000, 64);
    // Same slot and description (the supply's key), another part number: a compatible cartridge.
    newer.supplies = [{ ...newer.supplies[0]!, partNumber: 'TK-3160H' }];
    await send([
      device('SUPP0001', '127.10.7.9', [reading('2026-04-04T10:00:00.000Z', 4_000, 80)]),
    ]);
    await send([
      {
        ...device('SUPP0001', '127.10.7.10', [newer]),
        identity: {
          ...device('SUPP0001', '127.10.7.10', []).identity,
          firmware: '2S0_2F00.002.009',
        },
      },
    ]);
    // A spooled reading from between the two arrives last: history only.
    await send([
      device('SUPP0001', '127.10.7.9', [
        reading('2026-04-04T22:00:00.000Z', 4_500, 72, ['jammed']),
      ]),
    ]);

    const id = await deviceId('SUPP0001');
    const stored = await channel.t.prisma.device.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: fleet.dealer.tenantId, id } },
    });
    expect({
      ip: stored.ipAddress,
      firmware: stored.firmware,
      errors: stored.detectedErrors,
      statusAt: stored.statusAt?.toISOString(),
      lastMeterReadAt: stored.lastMeterReadAt?.toISOString(),
    }).toEqual({
      ip: '127.10.7.10',
      firmware: '2S0_2F00.002.009',
      errors: [],
      statusAt: '2026-04-05T10:00:00.000Z',
      lastMeterReadAt: '2026-04-05T10:00:00.000Z',
    });
    const supplies = await channel.t.prisma.supply.findMany({ where: { deviceId: id } });
    expect(
      supplies.map((supply) => ({
        description: supply.description,
        partNumber: supply.partNumber,
        percent: supply.percent,
        readAt: supply.readAt?.toISOString(),
      })),
    ).toEqual([
      {
        description: 'TK-3160',
        partNumber: 'TK-3160H',
        percent: 64,
        readAt: '2026-04-05T10:00:00.000Z',
      },
    ]);
    const levels = await channel.t.prisma.supplyLevel.findMany({
      where: { deviceId: id },
      orderBy: { readAt: 'asc' },
    });
    expect(
      levels.map((level) => [level.readAt.toISOString(), level.percent, level.partNumber]),
    ).toEqual([
      ['2026-04-04T10:00:00.000Z', 80, 'TK-3160'],
      ['2026-04-04T22:00:00.000Z', 72, 'TK-3160'],
      ['2026-04-05T10:00:00.000Z', 64, 'TK-3160H'],
    ]);
    const changes = await channel.t.prisma.deviceIdentityChange.findMany({
      where: { deviceId: id },
      orderBy: { field: 'asc' },
    });
    expect(changes.map((change) => [change.field, change.oldValue, change.newValue])).toEqual([
      ['firmware', '2S0_2F00.002.002', '2S0_2F00.002.009'],
      ['ipAddress', '127.10.7.9', '127.10.7.10'],
    ]);
  }, 60_000);

  it('a supply reported under a new description (same slot, type and colour) is renamed, not doubled; another colour in the slot is a new supply', async () => {
    const renamed = reading('2026-04-08T10:00:00.000Z', 6_100, 58);
    renamed.supplies = [{ ...renamed.supplies[0]!, description: 'Toner Kit TK-3160 (black)' }];
    const recoloured = reading('2026-04-09T10:00:00.000Z', 6_200, 90);
    recoloured.supplies = [
      {
        ...recoloured.supplies[0]!,
        description: 'Toner Kit TK-5240C',
        color: 'cyan',
        partNumber: 'TK-5240C',
      },
    ];
    await send([
      device('RENAME01', '127.10.7.30', [reading('2026-04-07T10:00:00.000Z', 6_000, 61)]),
    ]);
    await send([device('RENAME01', '127.10.7.30', [renamed])]);
    // A spooled reading from before the rename, under the old description: history of the same supply.
    await send([
      device('RENAME01', '127.10.7.30', [reading('2026-04-07T22:00:00.000Z', 6_050, 60)]),
    ]);
    await send([device('RENAME01', '127.10.7.30', [recoloured])]);

    const id = await deviceId('RENAME01');
    const supplies = await channel.t.prisma.supply.findMany({
      where: { deviceId: id },
      orderBy: { firstSeenAt: 'asc' },
    });
    expect(supplies.map((supply) => [supply.supplyKey, supply.color, supply.percent])).toEqual([
      ['1.1|Toner Kit TK-3160 (black)', 'black', 58],
      ['1.1|Toner Kit TK-5240C', 'cyan', 90],
    ]);
    const levels = await channel.t.prisma.supplyLevel.findMany({
      where: { supplyId: supplies[0]!.id },
      orderBy: { readAt: 'asc' },
    });
    expect(levels.map((level) => [level.readAt.toISOString(), level.percent])).toEqual([
      ['2026-04-07T10:00:00.000Z', 61],
      ['2026-04-07T22:00:00.000Z', 60],
      ['2026-04-08T10:00:00.000Z', 58],
    ]);
  }, 60_000);

  it('supply levels are stored on change: equal readings advance the run, late readings fall into place', async () => {
    const at = (hhmm: string) => `2026-04-10T${hhmm}:00.000Z`;
    const readings = (percent: number, ...times: string[]) =>
      times.map((hhmm) => reading(at(hhmm), 8_000, percent));
    await send([device('RUNS0001', '127.10.7.40', readings(70, '08:00', '09:00', '10:00'))]);
    await send([device('RUNS0001', '127.10.7.40', readings(70, '11:00', '12:00'))]);
    await send([device('RUNS0001', '127.10.7.40', readings(69, '13:00'))]);
    // Spooled readings arriving last: one inside the first run (nothing to extend), two new
    // equal ones between the runs (one row).
    await send([
      device('RUNS0001', '127.10.7.40', [
        ...readings(70, '10:30'),
        ...readings(65, '12:30', '12:45'),
      ]),
    ]);

    const id = await deviceId('RUNS0001');
    const levels = await channel.t.prisma.supplyLevel.findMany({
      where: { deviceId: id },
      orderBy: { readAt: 'asc' },
    });
    expect(
      levels.map((level) => [
        level.readAt.toISOString(),
        level.lastSeenAt?.toISOString() ?? null,
        level.percent,
      ]),
    ).toEqual([
      [at('08:00'), at('12:00'), 70],
      [at('12:30'), at('12:45'), 65],
      [at('13:00'), null, 69],
    ]);
    const history = await inTenant(fleet.dealer.tenantId, () =>
      channel.t.app
        .get(TenantPrisma)
        .run((tx) =>
          channel.t.app
            .get(SuppliesService)
            .historyIn(tx, levels[0]!.supplyId, { first: 10, before: null }),
        ),
    );
    expect(history.map((point) => [point.readAt.toISOString(), point.percent])).toEqual([
      [at('13:00'), 69],
      [at('12:45'), 65],
      [at('12:30'), 65],
      [at('12:00'), 70],
      [at('08:00'), 70],
    ]);
  }, 60_000);

  it('the forecast over stored runs is the forecast over every reading (flat, then falling)', async () => {
    const first = Date.parse('2026-05-04T00:00:00.000Z');
    const every = Array.from({ length: 6 * 24 }, (_, hour) => {
      const falling = Math.max(0, hour - 3 * 24);
      return {
        at: new Date(first + hour * 3_600_000),
        percent: 80 - Math.floor(falling / 3),
        pages: 20_000 + falling * 12,
      };
    });
    for (const part of [every.slice(0, 72), every.slice(72)])
      await send([
        device(
          'RUNS0002',
          '127.10.7.41',
          part.map((r) => reading(r.at.toISOString(), r.pages, r.percent)),
        ),
      ]);

    const id = await deviceId('RUNS0002');
    const supply = await channel.t.prisma.supply.findFirstOrThrow({ where: { deviceId: id } });
    expect(await channel.t.prisma.supplyLevel.count({ where: { supplyId: supply.id } })).toBe(24);
    const now = new Date(first + 6 * 24 * 3_600_000);
    const stored = await inTenant(fleet.dealer.tenantId, () =>
      channel.t.app
        .get(TenantPrisma)
        .run((tx) =>
          channel.t.app.get(SuppliesService).forecastIn(tx, { id: supply.id, deviceId: id }, now),
        ),
    ).then(toModel);
    const expected = toModel(forecastSupply(every, { now, windowDays: 60 }));
    expect(expected).toMatchObject({ available: true, samples: 6 * 24 });
    expect(stored).toEqual(expected);
  }, 60_000);

  it('two uploads naming the same new device at once create it once', async () => {
    const { agent } = fleet;
    const zips = await Promise.all(
      ['2026-04-06T10:00:00.000Z', '2026-04-06T11:00:00.000Z'].map((at, index) =>
        pack(
          agent,
          payloadOf(agent.agentId, [
            device(
              'RACE0001',
              '127.10.7.20',
              [reading(at, 7_000 + index * 50, 60)],
              '00:17:c8:aa:bb:01',
            ),
          ]),
        ),
      ),
    );
    const responses = await Promise.all(zips.map((zip) => upload(channel, agent, zip)));
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const devices = await channel.t.prisma.device.findMany({
      where: { tenantId: fleet.dealer.tenantId, serialNumber: 'RACE0001' },
    });
    expect(devices).toHaveLength(1);
    expect(await channel.t.prisma.meterRead.count({ where: { deviceId: devices[0]!.id } })).toBe(2);
  }, 60_000);

  it('a jam opens an alert; a later upload without it closes it', async () => {
    await send([
      device('JAM00001', '127.10.7.2', [reading('2026-04-03T10:00:00.000Z', 1000, 50, ['jammed'])]),
    ]);
    const id = await deviceId('JAM00001');
    const query = `query($d: ID) { alerts(deviceId: $d, first: 10) { edges { node { code severity source openedAt closedAt } } } }`;
    type Alerts = {
      alerts: {
        edges: {
          node: {
            code: string;
            severity: string;
            source: string;
            openedAt: string;
            closedAt: string | null;
          };
        }[];
      };
    };
    expect((await gql<Alerts>(query, { d: id })).alerts.edges.map((e) => e.node)).toEqual([
      {
        code: 'JAM',
        severity: 'CRITICAL',
        source: 'DEVICE_STATUS',
        openedAt: '2026-04-03T10:00:00.000Z',
        closedAt: null,
      },
    ]);
    await send([device('JAM00001', '127.10.7.2', [reading('2026-04-03T11:00:00.000Z', 1010, 50)])]);
    expect((await gql<Alerts>(query, { d: id })).alerts.edges.map((e) => e.node)).toEqual([
      {
        code: 'JAM',
        severity: 'CRITICAL',
        source: 'DEVICE_STATUS',
        openedAt: '2026-04-03T10:00:00.000Z',
        closedAt: '2026-04-03T11:00:00.000Z',
      },
    ]);
  }, 60_000);

  it('an upload queues replenishment; a toner swap in a later upload fulfils the open order', async () => {
    await gql(
      `mutation($input: CreateReplenishmentRuleInput!) { createReplenishmentRule(input: $input) { id } }`,
      {
        input: {
          name: 'Toner at 10 %',
          supplyType: 'toner',
          thresholdPercent: 10,
          cooldownHours: 0,
        },
      },
    );
    // Readings near the wall clock: an order covers the levels read after it was created.
    const iso = (ms: number) => new Date(ms).toISOString();
    await send([device('SWAP0001', '127.10.7.3', [reading(iso(Date.now() - 3_600_000), 2000, 6)])]);
    const id = await deviceId('SWAP0001');
    const orders = () =>
      channel.t.prisma.supplyOrder.findMany({
        where: { deviceId: id },
        orderBy: { createdAt: 'asc' },
      });
    // Queued after the commit, evaluated by the pg-boss worker.
    const deadline = Date.now() + 30_000;
    let found = await orders();
    while (found.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      found = await orders();
    }
    expect(found.map((o) => [o.supplyKey, o.status, o.percentAtOrder])).toEqual([
      ['1.1|TK-3160', 'OPEN', 6],
    ]);

    // A shaken cartridge (6 → 9 %) does not fulfil it; the swap (→ 100 %) in the same upload does, at its reading.
    const evaluated = watchEvaluations();
    try {
      const now = Date.now() + 1_000;
      await send([
        device('SWAP0001', '127.10.7.3', [
          reading(iso(now), 2010, 9),
          reading(iso(now + 1_000), 2020, 100),
        ]),
      ]);
      // Not inside the upload's transaction: the evaluation after the commit fulfils it.
      expect((await orders()).map((o) => o.status)).toEqual(['OPEN']);
      let after = await orders();
      while (after[0]?.status === 'OPEN' && Date.now() < deadline + 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        after = await orders();
      }
      expect(after.map((o) => [o.status, o.fulfilledAt?.toISOString()])).toEqual([
        ['FULFILLED', iso(now + 1_000)],
      ]);
      // Once per upload: one job queued after the commit, one evaluation, nothing more later.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(evaluated.jobs).toEqual([[id]]);
      expect(evaluated.runs.filter((deviceId) => deviceId === id)).toEqual([id]);
    } finally {
      evaluated.stop();
    }
  }, 90_000);

  it('one upload of many devices queues one evaluation job, which orders every low toner', async () => {
    const own = await enrolledAgentOf(channel, 'ingest-batch');
    await channel.t.client.ok(
      `mutation($input: CreateReplenishmentRuleInput!) { createReplenishmentRule(input: $input) { id } }`,
      {
        input: {
          name: 'Toner at 10 %',
          supplyType: 'toner',
          thresholdPercent: 10,
          cooldownHours: 0,
        },
      },
      own.dealer.adminToken,
    );
    // 40 devices, every third one low on toner.
    const at = new Date(Date.now() - 60_000).toISOString();
    const devices = Array.from({ length: 40 }, (_, i) =>
      device(`BATCH${String(i).padStart(3, '0')}`, `127.10.9.${i + 1}`, [
        reading(at, 1000 + i, i % 3 === 0 ? 5 : 60),
      ]),
    );
    const response = await upload(
      channel,
      own.agent,
      await pack(own.agent, payloadOf(own.agent.agentId, devices)),
    );
    expect(response.status).toBe(200);
    const queued = await channel.t.prisma.$queryRawUnsafe<{ data: { deviceIds: string[] } }[]>(
      `SELECT data FROM "${channel.t.config.jobQueueSchema}".job WHERE name = $1 AND data->>'tenantId' = $2`,
      REPLENISHMENT_EVALUATE_JOB,
      own.dealer.tenantId,
    );
    expect(queued).toHaveLength(1);
    expect(queued[0]!.data.deviceIds).toHaveLength(40);

    const orders = () =>
      channel.t.prisma.supplyOrder.findMany({
        where: { tenantId: own.dealer.tenantId },
        include: { device: { select: { serialNumber: true } } },
      });
    const deadline = Date.now() + 30_000;
    let found = await orders();
    while (found.length < 14 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      found = await orders();
    }
    const expected = devices.filter((_, i) => i % 3 === 0).map((d) => d.identity.serial);
    expect(found.map((o) => o.device.serialNumber).sort()).toEqual(expected.sort());
    expect(new Set(found.map((o) => [o.status, o.reason, o.percentAtOrder].join()))).toEqual(
      new Set(['OPEN,THRESHOLD,5']),
    );
  }, 90_000);

  it('webhook jobs of an upload are published after its commit; a rolled-back upload publishes none', async () => {
    await gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['ALERT_OPENED'] } },
    );
    const jobs = channel.t.app.get(JobQueue);
    const send0 = jobs.send.bind(jobs);
    /** Per webhook job published: whether its delivery row was committed (visible to another connection). */
    const published: { deliveryId: string; committed: boolean }[] = [];
    jobs.send = async (name, data, options) => {
      if (name === WEBHOOK_DELIVER_JOB) {
        const { deliveryIds } = data as unknown as { deliveryIds: string[] };
        // A failed attempt queues its retry as a new job: only the first publication counts.
        for (const deliveryId of deliveryIds.filter(
          (id) => !published.some((p) => p.deliveryId === id),
        )) {
          const committed = await channel.t.prisma.webhookDelivery.count({
            where: { id: deliveryId },
          });
          published.push({ deliveryId, committed: committed === 1 });
        }
      }
      return send0(name, data, options);
    };
    const audit = channel.t.app.get(AuditService);
    const record0 = audit.record.bind(audit);
    try {
      await send([
        device('HOOK0001', '127.10.7.20', [
          reading('2026-04-06T10:00:00.000Z', 1000, 50, ['jammed']),
        ]),
      ]);
      const deliveries = await channel.t.prisma.webhookDelivery.findMany({
        where: { tenantId: fleet.dealer.tenantId, eventType: 'alert.opened' },
      });
      expect(deliveries).toHaveLength(1);
      const deadline = Date.now() + 10_000;
      while (published.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(published).toEqual([{ deliveryId: deliveries[0]!.id, committed: true }]);

      // The upload fails after its alert was opened: it rolls back, and no job goes out.
      audit.record = (tx, entry) =>
        entry.action === 'upload.accept'
          ? Promise.reject(new Error('injected failure after ingest'))
          : record0(tx, entry);
      const { agent } = fleet;
      const response = await upload(
        channel,
        agent,
        await pack(
          agent,
          payloadOf(agent.agentId, [
            device('HOOK0002', '127.10.7.21', [
              reading('2026-04-06T10:00:00.000Z', 1000, 50, ['jammed']),
            ]),
          ]),
        ),
      );
      expect(response.status).toBe(500);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(published).toHaveLength(1);
      expect(
        await channel.t.prisma.webhookDelivery.count({
          where: { tenantId: fleet.dealer.tenantId, eventType: 'alert.opened' },
        }),
      ).toBe(1);
      expect(
        await channel.t.prisma.device.count({
          where: { tenantId: fleet.dealer.tenantId, serialNumber: 'HOOK0002' },
        }),
      ).toBe(0);
    } finally {
      jobs.send = send0;
      audit.record = record0;
    }
  }, 60_000);

  it('identity: two devices claiming one serial are both kept and flagged; devices without serial and MAC are kept flagged, not duplicated', async () => {
    const noIdentity = (address: string, total: number, at: string): DevicePayload => {
      const payload = device('X', address, [reading(at, total, 50)]);
      return { ...payload, identity: { ...payload.identity, serial: null, mac: null } };
    };
    const twins = [
      device(
        'TWIN0001',
        '127.10.8.1',
        [reading('2026-04-05T10:00:00.000Z', 100, 50)],
        '00:17:c8:00:00:01',
      ),
      device(
        'TWIN0001',
        '127.10.8.2',
        [reading('2026-04-05T10:00:00.000Z', 900, 50)],
        '00:17:c8:00:00:02',
      ),
      noIdentity('127.10.8.3', 300, '2026-04-05T10:00:00.000Z'),
    ];
    await send(twins);
    // Next upload: same devices, later readings; each lands on its own device.
    await send([
      device(
        'TWIN0001',
        '127.10.8.2',
        [reading('2026-04-05T11:00:00.000Z', 950, 50)],
        '00:17:c8:00:00:02',
      ),
      device(
        'TWIN0001',
        '127.10.8.1',
        [reading('2026-04-05T11:00:00.000Z', 120, 50)],
        '00:17:c8:00:00:01',
      ),
      noIdentity('127.10.8.3', 310, '2026-04-05T11:00:00.000Z'),
    ]);
    const data = await gql<{
      devices: {
        edges: {
          node: {
            serialNumber: string | null;
            macAddress: string | null;
            needsReview: boolean;
            noIdentity: boolean;
            latestMeterRead: { counters: { total: number } };
          };
        }[];
      };
    }>(
      `query($c: ID) { devices(customerId: $c, first: 100) { edges { node { serialNumber macAddress needsReview noIdentity latestMeterRead { counters } } } } }`,
      { c: fleet.customerId },
    );
    const ours = data.devices.edges
      .map((e) => e.node)
      .filter((n) => n.serialNumber === 'TWIN0001' || n.noIdentity)
      .map((n) => [
        n.serialNumber,
        n.macAddress,
        n.needsReview,
        n.noIdentity,
        n.latestMeterRead.counters.total,
      ])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(ours).toEqual([
      ['TWIN0001', '00:17:c8:00:00:01', true, false, 120],
      ['TWIN0001', '00:17:c8:00:00:02', true, false, 950],
      [null, null, false, true, 310],
    ]);
  }, 60_000);
});
