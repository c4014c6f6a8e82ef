import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot, parseWalk } from '@printbeat/printer-mib';
import {
  identityFrom,
  PAYLOAD_VERSION,
  readingFrom,
  type DevicePayload,
  type Reading,
  type SupplyReading,
} from '@printbeat/payload';
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

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../../fixtures/snmp');

/** A real walk (fixtures/snmp) decoded by the agent's decoder, as the agent would upload it. */
function walkDevice(file: string, address: string, takenAt: string): DevicePayload {
  const snapshot = decodeSnapshot(parseWalk(file, readFileSync(join(FIXTURES, file), 'utf8')));
  return {
    address,
    identity: identityFrom(snapshot.identity, { ip: address }),
    readings: [readingFrom(snapshot, takenAt)],
  };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const hoursAgo = (hours: number) => minutesAgo(hours * 60);

type AlertNode = { code: string; severity: string; message: string; trainingLevel: string | null };
type LevelPoint = {
  readAt: string;
  percent: number | null;
  serialNumber: string | null;
  change: string | null;
  removedPercent: number | null;
  earlyReplacement: boolean;
};
type SupplyNode = {
  serialNumber: string | null;
  forecast: { available: boolean; reason: string | null; daysToEmpty: number | null };
  levels: LevelPoint[];
};

/**
 * What central makes of device data, through the real ingest (mTLS upload → gateway → ingest →
 * PostgreSQL) and read back through GraphQL: alert severity and training level from real alert
 * tables, forecasts with little history, cartridge swaps by serial, usage of an empty period
 * with customer totals, counter sources cross-checked.
 */
describe('device data means what the printer means (integration)', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'device-meaning');
  }, 120_000);
  afterAll(() => channel?.t.close());

  async function send(devices: DevicePayload[]): Promise<void> {
    const { agent } = fleet;
    const payload = payloadOf(agent.agentId, devices, { version: PAYLOAD_VERSION });
    const response = await upload(channel, agent, await pack(agent, payload));
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('accepted');
  }
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    channel.t.client.ok<T>(query, variables, fleet.dealer.adminToken);
  const deviceIdOf = async (serial: string) =>
    (
      await channel.t.prisma.device.findFirstOrThrow({
        where: { tenantId: fleet.dealer.tenantId, serialNumber: serial },
      })
    ).id;
  const deviceOf = async <T>(serial: string, fields: string) =>
    (
      await gql<{ device: T }>(`query($d: ID!) { device(id: $d) { ${fields} } }`, {
        d: await deviceIdOf(serial),
      })
    ).device;
  const alertsOf = async (serial: string) =>
    (
      await gql<{ alerts: { edges: { node: AlertNode }[] } }>(
        `query($d: ID) { alerts(deviceId: $d, open: true, first: 20) { edges { node { code severity message trainingLevel } } } }`,
        { d: await deviceIdOf(serial) },
      )
    ).alerts.edges.map((edge) => edge.node);
  const suppliesOf = async (serial: string) =>
    (
      await deviceOf<{ supplies: SupplyNode[] }>(
        serial,
        `supplies { serialNumber forecast { available reason daysToEmpty }
           levels(first: 20) { readAt percent serialNumber change removedPercent earlyReplacement } }`,
      )
    ).supplies;

  describe('alerts from the real walks', () => {
    it('the sleeping Kyocera ECOSYS P2040dw walk opens nothing and shows OK', async () => {
      const kyocera = walkDevice(
        'printmaster/kyocera_p2040_snmp.json',
        '127.10.21.1',
        minutesAgo(5),
      );
      // What the walk's alert table holds: a power-up event and fuser binary-change events.
      expect(kyocera.readings[0]!.alerts.map((alert) => alert.severity)).toEqual([
        'warning',
        'warningBinaryChangeEvent',
        'warningBinaryChangeEvent',
      ]);
      await send([kyocera]);
      const serial = kyocera.identity.serial!;
      expect(await alertsOf(serial)).toEqual([]);
      expect((await deviceOf<{ status: string }>(serial, 'status')).status).toBe('OK');
    }, 60_000);

    it('a condition the device calls a warning keeps its severity and training level', async () => {
      // The TASKalfa 6052ci walk's fuser row (training level untrained(3)) reported as a standing
      // warning(4) condition instead of a binary-change event.
      const kyocera = walkDevice(
        'printmaster/parse_debug_172_52_105_95.json',
        '127.10.21.2',
        minutesAgo(4),
      );
      const row = kyocera.readings[0]!.alerts.find(
        (alert) => alert.code === 'markerFuserUnderTemperature',
      )!;
      expect(row.trainingLevel).toBe('untrained');
      row.severity = 'warning';
      await send([kyocera]);
      expect(await alertsOf(kyocera.identity.serial!)).toEqual([
        {
          code: 'FUSER_UNDER_TEMPERATURE',
          severity: 'WARNING',
          message: 'Fuser below temperature',
          trainingLevel: 'untrained',
        },
      ]);
    }, 60_000);

    it('the Ricoh MP C3002 walk (hrDeviceStatus warning, no alert table) shows a warning', async () => {
      const ricoh = walkDevice('librenms/ricoh_mpc3002.snmprec', '127.10.21.3', minutesAgo(3));
      expect(ricoh.readings[0]!.alerts).toEqual([]);
      expect(ricoh.readings[0]!.status.device).toBe('warning');
      await send([ricoh]);
      const serial = ricoh.identity.serial!;
      expect(await alertsOf(serial)).toEqual([
        {
          code: 'DEVICE_WARNING',
          severity: 'WARNING',
          message: 'Printer reports a warning',
          trainingLevel: null,
        },
      ]);
      expect((await deviceOf<{ status: string }>(serial, 'status')).status).toBe('WARNING');
    }, 60_000);

    it('the bizhub C250i walk (service requested while hrDeviceStatus is warning) is a warning, not an error', async () => {
      const konica = walkDevice('librenms/konica_c250i.snmprec', '127.10.21.4', minutesAgo(3));
      expect(konica.readings[0]!.status.device).toBe('warning');
      expect(konica.readings[0]!.status.errors).toEqual(['serviceRequested']);
      await send([konica]);
      const serial = konica.identity.serial!;
      expect(await alertsOf(serial)).toEqual([
        {
          code: 'SERVICE_REQUESTED',
          severity: 'WARNING',
          message: 'Service requested',
          trainingLevel: null,
        },
      ]);
      expect((await deviceOf<{ status: string }>(serial, 'status')).status).toBe('WARNING');
    }, 60_000);
  });

  describe('counter sources', () => {
    type Review = {
      counterReview:
        | {
            meter: string;
            value: number;
            source: string | null;
            alternativeSource: string;
            alternativeValue: number;
          }[]
        | null;
      latestMeterRead: { counters: Record<string, number>; sources: Record<string, string> };
    };
    const reviewFields = `counterReview { meter value source alternativeSource alternativeValue }
      latestMeterRead { counters sources }`;

    it('a Kyocera whose counter-page total and prtMarkerLifeCount disagree is flagged with both', async () => {
      // TASKalfa 6052ci: counter page 424,405, prtMarkerLifeCount 432,951 (2 % apart).
      const kyocera = walkDevice(
        'printmaster/parse_debug_172_52_105_95.json',
        '127.10.22.1',
        minutesAgo(2),
      );
      kyocera.identity.serial = 'SRC-DISAGREE';
      await send([kyocera]);
      const found = await deviceOf<Review>('SRC-DISAGREE', reviewFields);
      expect(found.counterReview).toEqual([
        {
          meter: 'total',
          value: 424_405,
          source: 'vendor',
          alternativeSource: 'printerMib.lifeCount',
          alternativeValue: 432_951,
        },
      ]);
      expect(found.latestMeterRead.sources).toEqual({ total: 'vendor' });
      expect(found.latestMeterRead.counters).toMatchObject({
        total: 424_405,
        'vendor:printerMib.lifeCount': 432_951,
      });
    }, 60_000);

    it('sources within the tolerance raise no flag; a later agreeing read clears it', async () => {
      // CS 4053ci: 76,064 vs 76,498 (0.6 % apart, under the 1 % default).
      const close = walkDevice('printmaster/kyocera_cs4053_snmp.json', '127.10.22.2', hoursAgo(2));
      close.identity.serial = 'SRC-AGREE';
      await send([close]);
      expect((await deviceOf<Review>('SRC-AGREE', reviewFields)).counterReview).toBeNull();

      const apart = reading(hoursAgo(1), 80_000, 50);
      apart.counters.extra = { 'printerMib.lifeCount': 90_000 };
      await send([device('SRC-AGREE', '127.10.22.2', [apart])]);
      expect((await deviceOf<Review>('SRC-AGREE', reviewFields)).counterReview).toEqual([
        expect.objectContaining({ value: 80_000, alternativeValue: 90_000 }),
      ]);
      const agreeing = reading(minutesAgo(1), 90_010, 50);
      agreeing.counters.extra = { 'printerMib.lifeCount': 90_020 };
      await send([device('SRC-AGREE', '127.10.22.2', [agreeing])]);
      expect((await deviceOf<Review>('SRC-AGREE', reviewFields)).counterReview).toBeNull();
    }, 60_000);
  });

  describe('supplies', () => {
    const toner = (percent: number, serialNumber: string | null): SupplyReading => ({
      index: '1.1',
      description: 'Black Toner',
      type: 'toner',
      color: 'black',
      level: percent,
      maxCapacity: 100,
      percent,
      state: 'ok',
      partNumber: '006R01509',
      ...(serialNumber ? { serialNumber } : {}),
    });
    const withToner = (takenAt: string, total: number, supply: SupplyReading): Reading => ({
      ...reading(takenAt, total, 0),
      supplies: [supply],
    });

    it('a new serial is a swap even without a level jump; the same serial rising is a refill', async () => {
      await send([
        device('SWAPSER1', '127.10.23.1', [
          withToner(hoursAgo(5), 1_000, toner(64, 'CART-A')),
          withToner(hoursAgo(4), 1_100, toner(62, 'CART-A')),
        ]),
      ]);
      // Another, half-used cartridge: the level does not jump.
      await send([
        device('SWAPSER1', '127.10.23.1', [withToner(hoursAgo(3), 1_150, toner(60, 'CART-B'))]),
      ]);
      // The same cartridge shaken (small rise), then refilled.
      await send([
        device('SWAPSER1', '127.10.23.1', [
          withToner(hoursAgo(2), 1_200, toner(58, 'CART-B')),
          withToner(hoursAgo(1.5), 1_210, toner(61, 'CART-B')),
          withToner(hoursAgo(1), 1_220, toner(100, 'CART-B')),
        ]),
      ]);
      const [supply] = await suppliesOf('SWAPSER1');
      expect(supply!.serialNumber).toBe('CART-B');
      const marked = [...supply!.levels]
        .reverse()
        .map((point) => [point.percent, point.serialNumber, point.change, point.removedPercent]);
      expect(marked).toEqual([
        [64, 'CART-A', null, null],
        [62, 'CART-A', null, null],
        [60, 'CART-B', 'SWAP', 62],
        [58, 'CART-B', null, null],
        [61, 'CART-B', null, null],
        [100, 'CART-B', 'REFILL', null],
      ]);
      // 62 % thrown away is above the 10 % default: an early replacement.
      expect(supply!.levels.find((point) => point.change === 'SWAP')!.earlyReplacement).toBe(true);
      expect(supply!.levels.find((point) => point.change === 'REFILL')!.earlyReplacement).toBe(
        false,
      );
    }, 60_000);

    it('without serials a level jump is still a swap, and a cartridge used up is no early one', async () => {
      await send([
        device('SWAPLVL1', '127.10.23.2', [
          withToner(hoursAgo(3), 2_000, toner(4, null)),
          withToner(hoursAgo(2), 2_100, toner(100, null)),
        ]),
      ]);
      const [supply] = await suppliesOf('SWAPLVL1');
      const swap = supply!.levels.find((point) => point.change === 'SWAP')!;
      expect([swap.percent, swap.removedPercent, swap.earlyReplacement]).toEqual([100, 4, false]);
      expect(supply!.serialNumber).toBeNull();
    }, 60_000);

    it('a new serial fulfils the open order for that toner, even at the same low level', async () => {
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
      await send([
        device('SWAPORD1', '127.10.23.4', [withToner(minutesAgo(30), 4_000, toner(6, 'CART-X'))]),
      ]);
      const id = await deviceIdOf('SWAPORD1');
      const orders = () =>
        channel.t.prisma.supplyOrder.findMany({
          where: { deviceId: id },
          orderBy: { createdAt: 'asc' },
        });
      const until = async (done: (found: Awaited<ReturnType<typeof orders>>) => boolean) => {
        const deadline = Date.now() + 30_000;
        let found = await orders();
        while (!done(found) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          found = await orders();
        }
        return found;
      };
      expect((await until((found) => found.length > 0)).map((order) => order.status)).toEqual([
        'OPEN',
      ]);
      // A nearly empty cartridge from another printer goes in: no level jump, another serial.
      const swappedAt = new Date(Date.now() + 1_000).toISOString();
      await send([
        device('SWAPORD1', '127.10.23.4', [withToner(swappedAt, 4_010, toner(8, 'CART-Y'))]),
      ]);
      const after = await until((found) => found[0]?.status === 'FULFILLED');
      expect(after[0]).toMatchObject({ status: 'FULFILLED', fulfilledAt: new Date(swappedAt) });
      // The cartridge that went in is low too: the rule may order again, never reopen the first.
      expect(after.slice(1).every((order) => order.status === 'OPEN')).toBe(true);
    }, 90_000);

    it('a forecast from an hour of history says not enough history, not "empty now"', async () => {
      await send([
        device('FCSHORT1', '127.10.23.3', [
          withToner(minutesAgo(60), 3_000, toner(67, null)),
          withToner(minutesAgo(30), 3_050, toner(55, null)),
          withToner(minutesAgo(1), 3_100, toner(40, null)),
        ]),
      ]);
      const [supply] = await suppliesOf('FCSHORT1');
      expect(supply!.forecast).toEqual({
        available: false,
        reason: 'NOT_ENOUGH_HISTORY',
        daysToEmpty: null,
      });
    }, 60_000);
  });

  describe('usage', () => {
    type Usage = {
      usage: {
        edges: {
          node: {
            deviceId: string;
            counters: { counter: string; delta: number | null; flags: string[] }[];
          };
        }[];
        customerTotals: {
          customerName: string;
          devices: number;
          counters: {
            counter: string;
            pages: number;
            devices: number;
            incompleteDevices: number;
          }[];
        }[];
        readSpan: { firstReadAt: string | null; lastReadAt: string | null };
      };
    };
    const usageQuery = `query($from: DateTime!, $to: DateTime!, $filter: UsageFilter) {
      usage(from: $from, to: $to, filter: $filter, first: 2) {
        edges { node { deviceId counters { counter delta flags } } }
        customerTotals { customerName devices counters { counter pages devices incompleteDevices } }
        readSpan { firstReadAt lastReadAt }
      } }`;

    it('a period before any reading lists each device’s own counters flagged, totals and where data is', async () => {
      const { t } = channel;
      const customer = await t.prisma.customer.findFirstOrThrow({
        where: { id: fleet.customerId },
      });
      const mono = reading(hoursAgo(3), 500, 80);
      mono.counters = { total: 500, mono: 500, extra: {} };
      const totalOnly = reading(hoursAgo(3), 900, 80);
      totalOnly.counters = { total: 900, extra: {} };
      await send([
        device('USAGEMONO', '127.10.24.1', [mono]),
        device('USAGETOT1', '127.10.24.2', [totalOnly]),
      ]);
      const ids = [await deviceIdOf('USAGEMONO'), await deviceIdOf('USAGETOT1')];
      const result = await gql<Usage>(usageQuery, {
        from: '2020-01-01T00:00:00Z',
        to: '2020-02-01T00:00:00Z',
        filter: { deviceIds: ids },
      });
      const byDevice = new Map(result.usage.edges.map((edge) => [edge.node.deviceId, edge.node]));
      const byName = (list: { counter: string }[]) =>
        [...list].sort((x, y) => x.counter.localeCompare(y.counter));
      expect(byName(byDevice.get(ids[0]!)!.counters)).toEqual([
        { counter: 'mono', delta: null, flags: ['MISSING_START', 'MISSING_END'] },
        { counter: 'total', delta: null, flags: ['MISSING_START', 'MISSING_END'] },
      ]);
      expect(byDevice.get(ids[1]!)!.counters).toEqual([
        { counter: 'total', delta: null, flags: ['MISSING_START', 'MISSING_END'] },
      ]);
      expect(result.usage.customerTotals).toEqual([
        {
          customerName: customer.name,
          devices: 2,
          counters: [
            { counter: 'total', pages: 0, devices: 2, incompleteDevices: 2 },
            { counter: 'mono', pages: 0, devices: 1, incompleteDevices: 1 },
          ],
        },
      ]);
      expect(Date.parse(result.usage.readSpan.firstReadAt!)).toBe(Date.parse(mono.takenAt));

      // A period with data: totals over every device the filter selects, past the first page.
      await send([
        device('USAGEMONO', '127.10.24.1', [
          { ...mono, takenAt: hoursAgo(1), counters: { total: 560, mono: 560, extra: {} } },
        ]),
        device('USAGETOT1', '127.10.24.2', [
          { ...totalOnly, takenAt: hoursAgo(1), counters: { total: 940, extra: {} } },
        ]),
      ]);
      const recent = await gql<Usage>(usageQuery.replace('first: 2', 'first: 1'), {
        from: hoursAgo(4),
        to: new Date().toISOString(),
        filter: { deviceIds: ids },
      });
      expect(recent.usage.edges).toHaveLength(1);
      expect(recent.usage.customerTotals[0]!.counters).toEqual([
        { counter: 'total', pages: 100, devices: 2, incompleteDevices: 0 },
        { counter: 'mono', pages: 60, devices: 1, incompleteDevices: 0 },
      ]);
    }, 60_000);
  });
});
