import type { DevicePayload } from '@printbeat/payload';
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

type Alerts = {
  alerts: { edges: { node: { code: string; severity: string; closedAt: string | null } }[] };
};

/** Uploads with real alert tables, checked through GraphQL: an alert means what the printer means. */
describe('alert severity and device status from what the printer reports (integration)', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'alerts-meaning');
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
  const deviceOf = (serial: string) =>
    channel.t.prisma.device.findFirstOrThrow({
      where: { tenantId: fleet.dealer.tenantId, serialNumber: serial },
    });
  const alertsOf = async (id: string) =>
    (
      await gql<Alerts>(
        `query($d: ID) { alerts(deviceId: $d, first: 10) { edges { node { code severity closedAt } } } }`,
        { d: id },
      )
    ).alerts.edges.map((edge) => edge.node);
  const statusOf = async (id: string) =>
    (
      await gql<{ device: { status: string } }>(`query($d: ID!) { device(id: $d) { status } }`, {
        d: id,
      })
    ).device.status;
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  it('a sleeping Kyocera with only a binary-change fuser event opens no alert and stays OK', async () => {
    const sleeping = reading(minutesAgo(10), 7_342, 60);
    // As the ECOSYS P2040dw walk reports it: running, no error bits, events in the alert table.
    sleeping.alerts = [
      {
        index: '1.2',
        severity: 'warning',
        group: 'generalPrinter',
        code: 'powerUp',
        description: '',
      },
      {
        index: '1.124',
        severity: 'warningBinaryChangeEvent',
        group: 'marker',
        code: 'markerFuserUnderTemperature',
        description: '',
      },
    ];
    await send([device('KYOSLEEP1', '127.10.9.1', [sleeping])]);
    const { id } = await deviceOf('KYOSLEEP1');
    expect(await alertsOf(id)).toEqual([]);
    expect(await statusOf(id)).toBe('OK');
  }, 60_000);

  it('a fuser below temperature the device calls a warning is a warning, titled in words', async () => {
    const cold = reading(minutesAgo(9), 7_400, 60);
    cold.alerts = [
      {
        index: '1.130',
        severity: 'warning',
        group: 'marker',
        code: 'markerFuserUnderTemperature',
        description: '',
      },
    ];
    await send([device('KYOCOLD01', '127.10.9.2', [cold])]);
    const { id } = await deviceOf('KYOCOLD01');
    const open = await channel.t.prisma.alert.findMany({ where: { deviceId: id } });
    expect(open.map((alert) => [alert.code, alert.severity, alert.message])).toEqual([
      ['FUSER_UNDER_TEMPERATURE', 'WARNING', 'Fuser below temperature'],
    ]);
    expect(await statusOf(id)).toBe('WARNING');
  }, 60_000);

  it('a Ricoh whose hrDeviceStatus is warning shows as warning', async () => {
    // Uploaded running first, then its reading as the MP C3002 walk reports it (warning(3)).
    await send([device('RICOHWARN', '127.10.9.3', [reading(minutesAgo(8), 271_871, 40)])]);
    const ricoh = await deviceOf('RICOHWARN');
    expect(await statusOf(ricoh.id)).toBe('OK');
    const warned = reading(minutesAgo(1), 271_900, 40);
    await send([
      device('RICOHWARN', '127.10.9.3', [
        { ...warned, status: { ...warned.status, device: 'warning' } },
      ]),
    ]);
    expect(await alertsOf(ricoh.id)).toEqual([
      { code: 'DEVICE_WARNING', severity: 'WARNING', closedAt: null },
    ]);
    expect(await statusOf(ricoh.id)).toBe('WARNING');
  }, 60_000);
});
