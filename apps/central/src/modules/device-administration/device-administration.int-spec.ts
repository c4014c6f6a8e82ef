import type { DevicePayload, Reading } from '@printbeat/payload';
import {
  dealerWithSite,
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
import { createCustomer, createSite } from '../../platform/graphql/test-support/scenario.js';
import type { GraphqlError } from '../../platform/graphql/test-support/graphql-client.js';

const DEVICE_FIELDS = `id siteId displayName equipmentId assetTag notes retiredAt retiredBy
  endMeter { readAt counters } monitoringPausedAt monitoringPausedBy`;

type DeviceNode = {
  id: string;
  siteId: string | null;
  displayName: string | null;
  equipmentId: string | null;
  assetTag: string | null;
  notes: string | null;
  retiredAt: string | null;
  retiredBy: string | null;
  endMeter: { readAt: string; counters: Record<string, number> } | null;
  monitoringPausedAt: string | null;
  monitoringPausedBy: string | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Device administration through the real stack: GraphQL for people's changes, mTLS uploads
 * through the gateway and ingest for what the devices report afterwards, the pg-boss worker
 * for replenishment, all on PostgreSQL with row-level security.
 */
describe('device administration (integration)', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };
  let other: DealerSite;
  let secondSite: string;
  let otherCustomerSite: string;
  let clock = Date.now() - 6 * 3_600_000;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    channel.t.client.ok<T>(query, variables, token ?? fleet.dealer.adminToken);
  const failure = async (
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlError> => {
    const result = await channel.t.client.request(
      query,
      variables,
      token ?? fleet.dealer.adminToken,
    );
    expect(result.errors?.length).toBeGreaterThan(0);
    return result.errors![0]!;
  };
  const update = `mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { ${DEVICE_FIELDS} } }`;
  const mutate = async (name: string, id: string): Promise<DeviceNode> =>
    (
      await gql<Record<string, DeviceNode>>(
        `mutation($id: ID!) { ${name}(id: $id) { ${DEVICE_FIELDS} } }`,
        { id },
      )
    )[name]!;

  async function send(devices: DevicePayload[]): Promise<void> {
    const payload = payloadOf(fleet.agent.agentId, devices);
    const response = await upload(channel, fleet.agent, await pack(fleet.agent, payload));
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('accepted');
  }
  /** One reading a minute after the previous one, so every upload is the device's newest. */
  const next = (total: number, toner: number, errors: Reading['status']['errors'] = []) => {
    clock += 60_000;
    return reading(iso(clock), total, toner, errors);
  };
  const deviceId = async (serial: string) =>
    (
      await channel.t.prisma.device.findFirstOrThrow({
        where: { serialNumber: serial, tenantId: fleet.dealer.tenantId },
      })
    ).id;
  const alertsOf = (id: string) =>
    channel.t.prisma.alert.findMany({ where: { deviceId: id, closedAt: null } });
  const ordersOf = (id: string) =>
    channel.t.prisma.supplyOrder.findMany({ where: { deviceId: id } });
  const fleetIds = async (retired?: string) =>
    (
      await gql<{ devices: { edges: { node: { id: string } }[] } }>(
        `query($retired: DeviceRetiredFilter) { devices(first: 100, retired: $retired) { edges { node { id } } } }`,
        retired ? { retired } : {},
      )
    ).devices.edges
      .map((edge) => edge.node.id)
      .sort();

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'device-admin');
    other = await dealerWithSite(channel, 'device-admin-other');
    secondSite = await createSite(
      channel.t.client,
      fleet.dealer.adminToken,
      fleet.customerId,
      'Second floor',
    );
    const otherCustomer = await createCustomer(
      channel.t.client,
      fleet.dealer.adminToken,
      'Another customer',
    );
    otherCustomerSite = await createSite(
      channel.t.client,
      fleet.dealer.adminToken,
      otherCustomer,
      'Elsewhere',
    );
    await send([
      device('EDIT0001', '127.10.9.1', [next(1_000, 50)]),
      device('KEEP0001', '127.10.9.2', [next(2_000, 50)]),
      device('RETR0001', '127.10.9.3', [next(3_000, 50)]),
    ]);
  }, 120_000);
  afterAll(() => channel?.t.close());

  it('updates names, IDs and notes, moves the device within its customer, and audits before and after', async () => {
    const id = await deviceId('EDIT0001');
    const updated = (
      await gql<{ updateDevice: DeviceNode }>(update, {
        input: {
          id,
          displayName: '  Reception MFP ',
          equipmentId: 'EQ-4711',
          assetTag: 'INV-9',
          notes: 'Toner kept in the cupboard.',
          siteId: secondSite,
        },
      })
    ).updateDevice;
    expect(updated).toMatchObject({
      siteId: secondSite,
      displayName: 'Reception MFP',
      equipmentId: 'EQ-4711',
      assetTag: 'INV-9',
      notes: 'Toner kept in the cupboard.',
    });

    const audit = await channel.t.prisma.auditEvent.findMany({
      where: { action: 'device.update', targetId: id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(fleet.dealer.adminId);
    expect(audit[0]!.details).toEqual({
      changes: {
        displayName: { before: null, after: 'Reception MFP' },
        equipmentId: { before: null, after: 'EQ-4711' },
        assetTag: { before: null, after: 'INV-9' },
        notes: { before: null, after: 'Toner kept in the cupboard.' },
        siteId: { before: fleet.siteId, after: secondSite },
      },
    });

    // The agent sits at the first site and the printer reports another asset tag: a person's choice stays.
    const reported = device('EDIT0001', '127.10.9.1', [next(1_010, 50)]);
    reported.identity.assetTag = 'FROM-DEVICE';
    await send([reported]);
    const after = await channel.t.prisma.device.findFirstOrThrow({ where: { id } });
    expect([after.siteId, after.assetTag, after.lastSeenAt.toISOString()]).toEqual([
      secondSite,
      'INV-9',
      iso(clock),
    ]);

    // An empty string clears; a field left out stays.
    const cleared = (await gql<{ updateDevice: DeviceNode }>(update, { input: { id, notes: '' } }))
      .updateDevice;
    expect([cleared.notes, cleared.displayName]).toEqual([null, 'Reception MFP']);
  }, 60_000);

  it('refuses another customer’s site, overlong text (naming the limit) and another tenant', async () => {
    const id = await deviceId('EDIT0001');
    const moved = await failure(update, { input: { id, siteId: otherCustomerSite } });
    expect(moved.extensions?.code).toBe('BAD_USER_INPUT');
    expect(moved.message).toBe(
      'A device can only be moved to a site of its own customer; this site belongs to another customer.',
    );

    const long = await failure(update, {
      input: { id, displayName: 'x'.repeat(121), equipmentId: 'y'.repeat(65) },
    });
    expect(long.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.message).toBe(
      'Display name must be at most 120 characters (it has 121). Equipment ID must be at most 64 characters (it has 65).',
    );

    // Tenant B sees neither A's device nor (from A) B's site.
    const fromB = await failure(update, { input: { id, notes: 'mine' } }, other.dealer.adminToken);
    expect(fromB.extensions?.code).toBe('NOT_FOUND');
    const toB = await failure(update, { input: { id, siteId: other.siteId } });
    expect(toB.extensions?.code).toBe('NOT_FOUND');
    for (const name of [
      'retireDevice',
      'reinstateDevice',
      'pauseDeviceMonitoring',
      'resumeDeviceMonitoring',
    ]) {
      const refused = await failure(
        `mutation($id: ID!) { ${name}(id: $id) { id } }`,
        { id },
        other.dealer.adminToken,
      );
      expect([name, refused.extensions?.code]).toEqual([name, 'NOT_FOUND']);
    }
    const row = await channel.t.prisma.device.findFirstOrThrow({ where: { id } });
    expect([row.siteId, row.displayName, row.notes, row.retiredAt]).toEqual([
      secondSite,
      'Reception MFP',
      null,
      null,
    ]);
  }, 60_000);

  it('retires with the end meter: later jams open no alert and low toner creates no order; reinstating monitors again', async () => {
    const keep = await deviceId('KEEP0001');
    const retired = await deviceId('RETR0001');
    await send([device('RETR0001', '127.10.9.3', [next(3_250, 40)])]);
    const newest = await channel.t.prisma.meterRead.findFirstOrThrow({
      where: { deviceId: retired },
      orderBy: { readAt: 'desc' },
    });

    const result = await mutate('retireDevice', retired);
    expect(result.retiredAt).not.toBeNull();
    expect(result.retiredBy).toBe(`user:${fleet.dealer.adminId}`);
    expect(result.endMeter).toEqual({
      readAt: newest.readAt.toISOString(),
      counters: newest.counters,
    });
    expect((result.endMeter!.counters as { total: number }).total).toBe(3_250);
    expect(
      (await failure(`mutation($id: ID!) { retireDevice(id: $id) { id } }`, { id: retired }))
        .extensions?.code,
    ).toBe('CONFLICT');

    // Hidden from the fleet unless asked for.
    expect(await fleetIds()).not.toContain(retired);
    expect(await fleetIds('SHOW')).toEqual(expect.arrayContaining([keep, retired]));
    expect(await fleetIds('ONLY')).toEqual([retired]);

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
    const readsBefore = await channel.t.prisma.meterRead.count({ where: { deviceId: retired } });
    await send([
      device('KEEP0001', '127.10.9.2', [next(2_100, 5, ['jammed'])]),
      device('RETR0001', '127.10.9.3', [next(3_300, 5, ['jammed'])]),
    ]);
    // One evaluation job covers both devices of the upload: once the monitored one has its order, both were evaluated.
    const deadline = Date.now() + 30_000;
    while ((await ordersOf(keep)).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await ordersOf(keep)).map((order) => order.status)).toEqual(['OPEN']);
    expect((await alertsOf(keep)).map((alert) => alert.code)).toContain('JAM');
    expect(await ordersOf(retired)).toEqual([]);
    expect(await alertsOf(retired)).toEqual([]);
    // Its readings are still stored.
    expect(await channel.t.prisma.meterRead.count({ where: { deviceId: retired } })).toBe(
      readsBefore + 1,
    );

    const back = await mutate('reinstateDevice', retired);
    expect([back.retiredAt, back.retiredBy, back.endMeter]).toEqual([null, null, null]);
    const audit = await channel.t.prisma.auditEvent.findMany({
      where: { targetId: retired, action: { startsWith: 'device.' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((event) => event.action)).toEqual(['device.retire', 'device.reinstate']);
    expect(audit[1]!.details).toMatchObject({
      retiredBy: `user:${fleet.dealer.adminId}`,
      endMeter: { counters: { total: 3_250 } },
    });
    await send([device('RETR0001', '127.10.9.3', [next(3_400, 5, ['jammed'])])]);
    expect((await alertsOf(retired)).map((alert) => alert.code)).toContain('JAM');
  }, 90_000);

  it("keeps a retired device's counter drop for review without announcing it", async () => {
    await send([
      device('DROPKEEP', '127.10.9.5', [next(9_000, 50)]),
      device('DROPRETR', '127.10.9.6', [next(9_000, 50)]),
    ]);
    const keep = await deviceId('DROPKEEP');
    const retired = await deviceId('DROPRETR');
    await mutate('retireDevice', retired);
    await gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      // Nothing listens on port 9 of loopback: the deliveries are only counted, never received.
      { input: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['METER_DISCONTINUITY_OPENED'] } },
    );

    await send([
      device('DROPKEEP', '127.10.9.5', [next(120, 50)]),
      device('DROPRETR', '127.10.9.6', [next(120, 50)]),
    ]);
    const discontinuities = await channel.t.prisma.meterDiscontinuity.findMany({
      where: { deviceId: { in: [keep, retired] } },
    });
    expect(new Set(discontinuities.map((row) => row.deviceId))).toEqual(new Set([keep, retired]));
    const announced = await channel.t.prisma.webhookDelivery.findMany({
      where: { tenantId: fleet.dealer.tenantId, eventType: 'meter_discontinuity.opened' },
    });
    const announcedDevices = announced.map(
      (row) => (row.payload as { data: { deviceId: string } }).data.deviceId,
    );
    expect(announcedDevices).toContain(keep);
    expect(announcedDevices).not.toContain(retired);
  }, 60_000);

  it('cancels the open supply orders of a device it retires, and leaves exported ones to the ERP', async () => {
    await send([device('ORDR0001', '127.10.9.4', [next(4_000, 50)])]);
    const id = await deviceId('ORDR0001');
    const { tenantId } = fleet.dealer;
    const order = async (supplyKey: string, status: 'OPEN' | 'EXPORTED') => {
      const supply = await channel.t.prisma.supply.create({
        data: { tenantId, customerId: fleet.customerId, deviceId: id, supplyKey, type: 'toner' },
      });
      return channel.t.prisma.supplyOrder.create({
        data: {
          tenantId,
          customerId: fleet.customerId,
          deviceId: id,
          supplyId: supply.id,
          supplyKey,
          reason: 'THRESHOLD',
          status,
          activeKey: supply.id,
        },
      });
    };
    const open = await order('cyan-extra', 'OPEN');
    const exported = await order('magenta-extra', 'EXPORTED');

    await mutate('retireDevice', id);
    const after = new Map((await ordersOf(id)).map((row) => [row.id, row]));
    expect(after.get(open.id)).toMatchObject({ status: 'CANCELLED', activeKey: null });
    expect(after.get(open.id)?.cancelledAt).not.toBeNull();
    expect(after.get(exported.id)).toMatchObject({
      status: 'EXPORTED',
      activeKey: exported.supplyId,
    });
    const audit = await channel.t.prisma.auditEvent.findMany({
      where: { tenantId, targetId: { in: [id, open.id, exported.id] } },
    });
    const byAction = new Map(audit.map((event) => [event.action, event]));
    expect(audit).toHaveLength(2);
    expect(byAction.get('supply_order.update')).toMatchObject({
      targetId: open.id,
      details: { from: 'OPEN', to: 'CANCELLED', reason: 'device retired' },
    });
    expect(byAction.get('device.retire')).toMatchObject({
      targetId: id,
      details: { ordersCancelled: 1 },
    });
  }, 60_000);

  it('pausing monitoring closes open alerts and stores readings without new alerts; resuming opens them again', async () => {
    const keep = await deviceId('KEEP0001');
    expect((await alertsOf(keep)).length).toBeGreaterThan(0);
    const paused = await mutate('pauseDeviceMonitoring', keep);
    expect(paused.monitoringPausedBy).toBe(`user:${fleet.dealer.adminId}`);
    expect(await alertsOf(keep)).toEqual([]);
    expect(await fleetIds()).toContain(keep);

    await send([device('KEEP0001', '127.10.9.2', [next(2_200, 5, ['jammed', 'doorOpen'])])]);
    expect(await alertsOf(keep)).toEqual([]);
    const stored = await channel.t.prisma.meterRead.findFirstOrThrow({
      where: { deviceId: keep },
      orderBy: { readAt: 'desc' },
    });
    expect((stored.counters as { total: number }).total).toBe(2_200);

    const resumed = await mutate('resumeDeviceMonitoring', keep);
    expect(resumed.monitoringPausedAt).toBeNull();
    await send([device('KEEP0001', '127.10.9.2', [next(2_300, 5, ['jammed'])])]);
    expect((await alertsOf(keep)).map((alert) => alert.code)).toContain('JAM');
  }, 60_000);
});
