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

const DEVICE_QUERY = `query($c: ID) { devices(customerId: $c) { edges { node {
  id serialNumber printerStatus detectedErrors statusAt firstSeenAt lastSeenAt lastMeterReadAt
  latestMeterRead { readAt counters }
  meterReads(first: 10) { edges { node { readAt } } }
  openAlerts { code }
} } } }`;

const AGENT_QUERY = `query($id: ID!) { agent(id: $id) {
  id clockOffsetSeconds clockCheckedAt clockSkewed lastUploadAt
} }`;

type DeviceNode = Record<string, unknown> & {
  id: string;
  firstSeenAt: string;
  lastSeenAt: string;
  meterReads: { edges: { node: { readAt: string } }[] };
};
type AgentNode = {
  clockOffsetSeconds: number;
  clockCheckedAt: string;
  clockSkewed: boolean;
  lastUploadAt: string;
};

const YEAR_2100 = '2100-01-01T00:00:00.000Z';
const YEAR_1971 = '1971-06-01T00:00:00.000Z';
const MINUTE = 60_000;

/** Agent clocks are checked against central's receive time, never trusted. */
describe('agent clocks (POST /agent/v1/uploads)', () => {
  let channel: Channel;

  beforeAll(async () => {
    channel = await startChannel({
      AGENT_CLOCK_MAX_FUTURE_SECONDS: '300',
      AGENT_READING_MAX_AGE_DAYS: '365',
    });
  }, 120_000);
  afterAll(() => channel?.t.close());

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

  /** The customer's one device (each test's customer has exactly one). */
  async function deviceOf(fleet: DealerSite): Promise<DeviceNode> {
    const data = await channel.t.client.ok<{ devices: { edges: { node: DeviceNode }[] } }>(
      DEVICE_QUERY,
      { c: fleet.customerId },
      fleet.dealer.adminToken,
    );
    expect(data.devices.edges).toHaveLength(1);
    return data.devices.edges[0]!.node;
  }

  async function send(agent: AgentIdentity, devices: Parameters<typeof payloadOf>[1]) {
    const payload = payloadOf(agent.agentId, devices);
    const response = await upload(channel, agent, await pack(agent, payload), payload.uploadId);
    expect(response.status).toBe(200);
    return { payload, body: response.body };
  }

  it('refuses a reading dated 2100 and keeps the real one as latest', async () => {
    const fleet = await enrolledAgentOf(channel, 'clock-future');
    const { agent } = fleet;
    const real = minutesAgo(5);
    const { payload, body } = await send(agent, [
      device('FUT0001', '127.10.1.4', [
        reading(real, 5000, 40),
        reading(YEAR_2100, 6000, 1, ['jammed']),
      ]),
      device('FUT0002', '127.10.1.5', [reading(YEAR_2100, 5010, 50)]),
    ]);
    expect(body).toEqual({
      uploadId: payload.uploadId,
      status: 'accepted',
      devices: 2,
      readings: 3,
      refusedReadings: 2,
    });

    // Only one device: the one reported with refused readings only is not even created.
    const stored = await deviceOf(fleet);
    expect(stored).toMatchObject({
      serialNumber: 'FUT0001',
      printerStatus: 'idle',
      detectedErrors: [],
      statusAt: real,
      lastSeenAt: real,
      lastMeterReadAt: real,
      latestMeterRead: { readAt: real, counters: { total: 5000 } },
      meterReads: { edges: [{ node: { readAt: real } }] },
      openAlerts: [],
    });
    const tenantId = fleet.dealer.tenantId;
    const p = channel.t.prisma;
    expect(await p.supplyLevel.count({ where: { tenantId, readAt: { gt: new Date(real) } } })).toBe(
      0,
    );
    const accepted = await p.auditEvent.findFirstOrThrow({
      where: { tenantId, action: 'upload.accept' },
    });
    expect(accepted.details).toMatchObject({
      uploadId: payload.uploadId,
      meterReads: 1,
      historyReadings: 0,
      refusedFutureReadings: 2,
      newestRefusedAt: YEAR_2100,
    });

    // A real reading after the refused one is the device's latest (not hidden behind 2100).
    const later = minutesAgo(1);
    await send(agent, [device('FUT0001', '127.10.1.4', [reading(later, 5100, 39)])]);
    const after = await deviceOf(fleet);
    expect(after).toMatchObject({
      lastSeenAt: later,
      statusAt: later,
      lastMeterReadAt: later,
      latestMeterRead: { readAt: later, counters: { total: 5100 } },
    });
  }, 90_000);

  it('stores a 1971 reading as history without making it the latest', async () => {
    const fleet = await enrolledAgentOf(channel, 'clock-past');
    const { agent } = fleet;
    const before = Date.now();

    // A new device reported only with a 1971 reading: created and its history stored, but seen
    // now (the upload reported it), without a status or a newest meter read.
    const first = await send(agent, [
      device('OLD0001', '127.10.2.4', [reading(YEAR_1971, 100, 80, ['jammed'])]),
    ]);
    expect(first.body).toMatchObject({ status: 'accepted', readings: 1 });
    expect(first.body).not.toHaveProperty('refusedReadings');
    const created = await deviceOf(fleet);
    expect(created).toMatchObject({
      serialNumber: 'OLD0001',
      printerStatus: null,
      statusAt: null,
      lastMeterReadAt: null,
      latestMeterRead: { readAt: YEAR_1971 },
      meterReads: { edges: [{ node: { readAt: YEAR_1971 } }] },
      openAlerts: [],
    });
    expect(Date.parse(created.firstSeenAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(created.lastSeenAt)).toBeGreaterThanOrEqual(before);
    const tenantId = fleet.dealer.tenantId;
    const p = channel.t.prisma;
    expect(await p.supplyLevel.count({ where: { tenantId, readAt: new Date(YEAR_1971) } })).toBe(1);

    // A current reading, then a 1971 one for the same (existing) device: history only.
    const real = new Date().toISOString();
    await send(agent, [device('OLD0001', '127.10.2.4', [reading(real, 5000, 40)])]);
    const current = await deviceOf(fleet);
    const second = await send(agent, [
      device('OLD0001', '127.10.2.99', [reading('1971-07-01T00:00:00.000Z', 200, 10, ['jammed'])]),
    ]);
    expect(second.body).toMatchObject({ status: 'accepted', readings: 1 });
    const after = await deviceOf(fleet);
    expect(after).toMatchObject({
      id: current.id,
      printerStatus: 'idle',
      detectedErrors: [],
      statusAt: real,
      firstSeenAt: current.firstSeenAt,
      lastSeenAt: real,
      lastMeterReadAt: real,
      latestMeterRead: { readAt: real, counters: { total: 5000 } },
      openAlerts: [],
    });
    expect(after.meterReads.edges.map((edge) => edge.node.readAt)).toEqual([
      real,
      '1971-07-01T00:00:00.000Z',
      YEAR_1971,
    ]);
    expect(await p.deviceIdentityChange.count({ where: { tenantId } })).toBe(0);
    const audits = await p.auditEvent.findMany({
      where: { tenantId, action: 'upload.accept' },
      orderBy: { at: 'asc' },
    });
    expect(audits.map((audit) => audit.details)).toEqual([
      expect.objectContaining({ historyReadings: 1, refusedFutureReadings: 0 }),
      expect.objectContaining({ historyReadings: 0, refusedFutureReadings: 0 }),
      expect.objectContaining({ historyReadings: 1, refusedFutureReadings: 0 }),
    ]);
  }, 90_000);

  it("records the agent's clock offset and shows it through GraphQL", async () => {
    const fleet = await enrolledAgentOf(channel, 'clock-offset');
    const { agent } = fleet;
    const agentClock = async (createdAt: string) => {
      const payload = payloadOf(agent.agentId, [], { createdAt });
      expect((await upload(channel, agent, await pack(agent, payload))).status).toBe(200);
      const data = await channel.t.client.ok<{ agent: AgentNode }>(
        AGENT_QUERY,
        { id: agent.agentId },
        fleet.dealer.adminToken,
      );
      return data.agent;
    };

    // The archive format's timestamps end in 2099.
    const farAhead = '2099-06-01T00:00:00.000Z';
    const ahead = await agentClock(farAhead);
    const expected = (Date.parse(farAhead) - Date.parse(ahead.clockCheckedAt)) / 1000;
    expect(ahead).toMatchObject({ clockSkewed: true, lastUploadAt: ahead.clockCheckedAt });
    expect(Math.abs(ahead.clockOffsetSeconds - expected)).toBeLessThanOrEqual(1);

    const behind = await agentClock(new Date(Date.now() - 10 * MINUTE).toISOString());
    expect(behind.clockSkewed).toBe(true);
    expect(behind.clockOffsetSeconds).toBeGreaterThanOrEqual(-602);
    expect(behind.clockOffsetSeconds).toBeLessThanOrEqual(-598);

    const right = await agentClock(new Date().toISOString());
    expect(right.clockSkewed).toBe(false);
    expect(Math.abs(right.clockOffsetSeconds)).toBeLessThanOrEqual(2);
  }, 90_000);
});
