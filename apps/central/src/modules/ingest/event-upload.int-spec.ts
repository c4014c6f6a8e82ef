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
import type { DevicePayload, Reading, UploadPayload } from '@printbeat/payload';

const DEVICE_QUERY = `query($c: ID) { devices(customerId: $c) { edges { node {
  id printerStatus detectedErrors statusAt lastSeenAt lastMeterReadAt
  latestMeterRead { readAt counters }
  meterReads(first: 10) { edges { node { readAt } } }
  supplies { percent }
  openAlerts { code severity }
} } } }`;

type DeviceNode = {
  id: string;
  printerStatus: string | null;
  detectedErrors: string[];
  statusAt: string;
  lastSeenAt: string;
  lastMeterReadAt: string;
  latestMeterRead: { readAt: string; counters: Record<string, number> };
  meterReads: { edges: { node: { readAt: string } }[] };
  supplies: { percent: number | null }[];
  openAlerts: { code: string; severity: string }[];
};

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
/** An agent's event reading: status, supplies and alerts, no counters. */
const eventReading = (
  takenAt: string,
  tonerPercent: number,
  errors: Reading['status']['errors'],
) => ({
  ...reading(takenAt, 0, tonerPercent, errors),
  counters: { extra: {} },
});

/** Event uploads (payload kind `event`) through the gateway, checked through GraphQL. */
describe('ingest of event uploads', () => {
  let channel: Channel;

  beforeAll(async () => {
    channel = await startChannel();
  }, 120_000);
  afterAll(() => channel?.t.close());

  async function deviceOf(fleet: DealerSite): Promise<DeviceNode> {
    const data = await channel.t.client.ok<{ devices: { edges: { node: DeviceNode }[] } }>(
      DEVICE_QUERY,
      { c: fleet.customerId },
      fleet.dealer.adminToken,
    );
    expect(data.devices.edges).toHaveLength(1);
    return data.devices.edges[0]!.node;
  }

  async function send(
    agent: AgentIdentity,
    devices: DevicePayload[],
    extra: Partial<UploadPayload> = {},
  ) {
    const payload = payloadOf(agent.agentId, devices, { version: 2, ...extra });
    const response = await upload(channel, agent, await pack(agent, payload), payload.uploadId);
    expect(response.status).toBe(200);
    return payload;
  }

  it('opens and closes alerts from event readings and leaves the meter reads alone', async () => {
    const fleet = await enrolledAgentOf(channel, 'event-jam');
    const { agent } = fleet;
    const daily = minutesAgo(10);
    await send(agent, [device('EVT0001', '127.10.9.1', [reading(daily, 5000, 40)])]);

    const jamAt = minutesAgo(5);
    const jam = await send(
      agent,
      [device('EVT0001', '127.10.9.1', [eventReading(jamAt, 19, ['jammed'])])],
      { kind: 'event' },
    );
    const jammed = await deviceOf(fleet);
    expect(jammed).toMatchObject({
      printerStatus: 'other',
      detectedErrors: ['jammed'],
      statusAt: jamAt,
      lastSeenAt: jamAt,
      lastMeterReadAt: daily,
      latestMeterRead: { readAt: daily, counters: { total: 5000 } },
      supplies: [{ percent: 19 }],
    });
    expect(jammed.meterReads.edges.map((e) => e.node.readAt)).toEqual([daily]);
    expect(jammed.openAlerts.map((a) => a.code)).toEqual(['JAM']);
    const accepted = await channel.t.prisma.auditEvent.findFirstOrThrow({
      where: {
        tenantId: fleet.dealer.tenantId,
        action: 'upload.accept',
        details: { path: ['uploadId'], equals: jam.uploadId },
      },
    });
    expect(accepted.details).toMatchObject({ kind: 'event', meterReads: 0, readings: 1 });

    const clearedAt = minutesAgo(4);
    await send(agent, [device('EVT0001', '127.10.9.1', [eventReading(clearedAt, 19, [])])], {
      kind: 'event',
    });
    const cleared = await deviceOf(fleet);
    expect(cleared.openAlerts).toEqual([]);
    expect(cleared).toMatchObject({ statusAt: clearedAt, lastMeterReadAt: daily });
    const jamAlert = await channel.t.prisma.alert.findFirstOrThrow({
      where: { tenantId: fleet.dealer.tenantId, deviceId: cleared.id, code: 'JAM' },
    });
    expect(jamAlert.closedAt?.toISOString()).toBe(clearedAt);

    // The next scheduled reading stores its counters as ever.
    const next = minutesAgo(1);
    await send(agent, [device('EVT0001', '127.10.9.1', [reading(next, 5050, 18)])]);
    const after = await deviceOf(fleet);
    expect(after.meterReads.edges.map((e) => e.node.readAt).sort()).toEqual([daily, next]);
  });

  it('opens UNREACHABLE once for a printer its agent reports silent; its next reading closes it', async () => {
    const fleet = await enrolledAgentOf(channel, 'event-unreachable');
    const { agent } = fleet;
    await send(agent, [device('EVT0002', '127.10.9.2', [reading(minutesAgo(10), 7000, 60)])]);

    const since = minutesAgo(6);
    const silent = { kind: 'event' as const, unreachable: [{ address: '127.10.9.2', since }] };
    await send(agent, [], silent);
    await send(agent, [], silent);
    const gone = await deviceOf(fleet);
    expect(gone.openAlerts).toEqual([{ code: 'UNREACHABLE', severity: 'WARNING' }]);
    const alerts = await channel.t.prisma.alert.findMany({
      where: { tenantId: fleet.dealer.tenantId, deviceId: gone.id, code: 'UNREACHABLE' },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.openedAt.toISOString()).toBe(since);

    // An address the agent never reported a device at, or another agent's, opens nothing.
    const other = await enrolledAgentOf(channel, 'event-unreachable-other');
    await send(other.agent, [], {
      kind: 'event',
      unreachable: [
        { address: '127.10.9.2', since },
        { address: '127.10.9.99', since },
      ],
    });
    expect(
      await channel.t.prisma.alert.count({
        where: { tenantId: other.dealer.tenantId, code: 'UNREACHABLE' },
      }),
    ).toBe(0);

    const back = minutesAgo(2);
    await send(agent, [device('EVT0002', '127.10.9.2', [eventReading(back, 60, [])])], {
      kind: 'event',
    });
    expect((await deviceOf(fleet)).openAlerts).toEqual([]);

    // Silence reported from before the newest reading is stale: nothing opens.
    await send(agent, [], {
      kind: 'event',
      unreachable: [{ address: '127.10.9.2', since: minutesAgo(3) }],
    });
    expect((await deviceOf(fleet)).openAlerts).toEqual([]);
  });
});
