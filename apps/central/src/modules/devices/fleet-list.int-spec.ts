/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- GraphQL responses are asserted by value with expect(), not by static type */
import type { Device } from '@prisma/client';
import { LOW_TONER_PERCENT } from './device-list-query.js';
import {
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const LIST = `query($lowToner: Boolean, $dueSoon: Boolean, $silent: Boolean, $alertSeverity: AlertSeverityAtLeast,
  $ipAddress: String, $sort: DeviceSortField, $direction: SortDirection, $first: Int, $after: String, $offset: Int) {
  devices(lowToner: $lowToner, dueSoon: $dueSoon, silent: $silent, alertSeverity: $alertSeverity,
    ipAddress: $ipAddress, sort: $sort, direction: $direction, first: $first, after: $after, offset: $offset) {
    totalCount
    edges { cursor node { id serialNumber } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('fleet list: filters, sort and paging of the devices query (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  /** A third tenant for the low-toner rule's edges, away from A's counts. */
  let c: TestDealer;
  const now = new Date();
  const named: Record<string, Device> = {};
  /** The 30 plain devices (FILL00 … FILL29), plus the named ones. */
  const FILL = 30;

  beforeAll(async () => {
    t = await startDomainTestApp([]);
    a = await t.dealer();
    b = await t.dealer();
    c = await t.dealer();
    const device = (serialNumber: string, data: Partial<Device> = {}, dealer: TestDealer = a) =>
      t.prisma.device.create({
        data: {
          tenantId: dealer.tenant.id,
          customerId: dealer.customer.id,
          siteId: dealer.site.id,
          serialNumber,
          lastSeenAt: new Date(now.getTime() - HOUR),
          detectedErrors: [],
          ...(data as object),
        },
      });
    for (let index = 0; index < FILL; index += 1) {
      await device(`FILL${String(index).padStart(2, '0')}`, {
        ipAddress: `127.0.1.${index}`,
        createdAt: new Date(now.getTime() - (100 - index) * DAY),
        lastMeterReadAt: index % 3 === 0 ? null : new Date(now.getTime() - index * HOUR),
        lastSeenAt: new Date(now.getTime() - ((index * 7) % 11) * 60_000),
        manufacturer: index % 4 === 0 ? null : ['Kyocera', 'HP', 'Ricoh'][index % 3],
        model: index % 5 === 0 ? null : `M${(index * 13) % 7}`,
        hostname: index % 2 === 0 ? null : `prn-${(index * 17) % 23}`,
        location: index % 3 === 1 ? null : `Floor ${(index * 5) % 4}`,
      });
    }
    named.lowToner = await device('LOW1', { ipAddress: '127.0.0.10', model: 'Low model' });
    named.lowByState = await device('LOW2', { ipAddress: '127.0.0.100' });
    named.fullToner = await device('FULL1', { ipAddress: '127.0.0.1' });
    named.due = await device('DUE1');
    named.silent = await device('SIL1', { lastSeenAt: new Date(now.getTime() - 5 * DAY) });
    named.critical = await device('CRIT1');
    named.warning = await device('WARN1');
    named.otherTenant = await device('LOW9', { ipAddress: '127.0.0.10' }, b);

    const supply = (deviceId: string, key: string, data: Record<string, unknown>, dealer = a) =>
      t.prisma.supply.create({
        data: {
          tenantId: dealer.tenant.id,
          customerId: dealer.customer.id,
          deviceId,
          supplyKey: key,
          ...data,
        },
      });
    await supply(named.lowToner.id, 'black', { type: 'toner', color: 'black', percent: 8 });
    await supply(named.lowToner.id, 'waste', { type: 'wasteToner', percent: 2 });
    await supply(named.lowByState.id, 'cyan', { type: 'toner', percent: null, state: 'LOW' });
    await supply(named.fullToner.id, 'black', { type: 'toner', percent: 90 });
    // A drum and a waste box near empty are not "low toner".
    await supply(named.fullToner.id, 'drum', { type: 'opc', percent: 3 });
    await supply(named.fullToner.id, 'waste', { type: 'wasteToner', percent: 1 });
    await supply(named.otherTenant.id, 'black', { type: 'toner', percent: 1 }, b);

    const dueSupply = await supply(named.due.id, 'black', { type: 'toner', percent: 40 });
    await t.prisma.supplyOrder.create({
      data: {
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        deviceId: named.due.id,
        supplyId: dueSupply.id,
        supplyKey: 'black',
        reason: 'FORECAST',
        activeKey: dueSupply.id,
      },
    });
    // A fulfilled order (no active key) does not make the full-toner device due.
    const fullSupply = await t.prisma.supply.findFirstOrThrow({
      where: { deviceId: named.fullToner.id, supplyKey: 'black' },
    });
    await t.prisma.supplyOrder.create({
      data: {
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        deviceId: named.fullToner.id,
        supplyId: fullSupply.id,
        supplyKey: 'black',
        reason: 'THRESHOLD',
        status: 'FULFILLED',
      },
    });

    const alert = (
      deviceId: string,
      code: string,
      severity: 'CRITICAL' | 'WARNING' | 'INFO',
      closed = false,
    ) =>
      t.prisma.alert.create({
        data: {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          deviceId,
          code,
          severity,
          source: 'DEVICE_STATUS',
          openedAt: now,
          lastSeenAt: now,
          ...(closed ? { closedAt: now } : { openKey: `${deviceId}:${code}` }),
        },
      });
    await alert(named.critical.id, 'JAM', 'CRITICAL');
    await alert(named.warning.id, 'TONER_LOW', 'WARNING');
    await alert(named.warning.id, 'OUTPUT_NEAR_FULL', 'INFO');
    await alert(named.fullToner.id, 'DOOR_OPEN', 'CRITICAL', true);
  }, 120_000);
  afterAll(() => t?.close());

  const list = async (variables: Record<string, unknown>, token = a.adminToken) =>
    (await t.client.ok<any>(LIST, { first: 100, ...variables }, token)).devices;
  const serials = async (variables: Record<string, unknown>) =>
    ((await list(variables)).edges as any[]).map((edge) => edge.node.serialNumber as string);

  it('filters low toner by percent or reported state, toner and ink only, and its negation', async () => {
    expect((await serials({ lowToner: true })).sort()).toEqual(['LOW1', 'LOW2']);
    const notLow = await serials({ lowToner: false });
    expect(notLow).toContain('FULL1');
    expect(notLow).not.toContain('LOW1');
    expect(notLow).toHaveLength(FILL + 5);
  });

  it('keeps the low-toner rule at its edges: the percent boundary, description without type, ink, and every later write', async () => {
    const edges: Record<string, { supplies: Array<Record<string, unknown>> }> = {
      AT15: { supplies: [{ type: 'toner', percent: LOW_TONER_PERCENT }] },
      ABOVE15: { supplies: [{ type: 'toner', percent: LOW_TONER_PERCENT + 0.5 }] },
      DESCLOW: { supplies: [{ type: null, description: 'Black Toner Cartridge', percent: 5 }] },
      DESCWASTE: { supplies: [{ type: null, description: 'Waste Toner Box', percent: 1 }] },
      INKEMPTY: { supplies: [{ type: 'inkCartridge', percent: null, state: 'EMPTY' }] },
      NOTYPE: { supplies: [{ type: null, description: null, percent: 1 }] },
      FLIP: { supplies: [{ type: 'toner', percent: 90 }] },
    };
    const ids: Record<string, string> = {};
    for (const [serialNumber, { supplies }] of Object.entries(edges)) {
      const created = await t.prisma.device.create({
        data: {
          tenantId: c.tenant.id,
          customerId: c.customer.id,
          siteId: c.site.id,
          serialNumber,
          lastSeenAt: now,
          detectedErrors: [],
        },
      });
      ids[serialNumber] = created.id;
      for (const [index, data] of supplies.entries())
        await t.prisma.supply.create({
          data: {
            tenantId: c.tenant.id,
            customerId: c.customer.id,
            deviceId: created.id,
            supplyKey: `s${index}`,
            ...data,
          },
        });
    }
    const low = async () =>
      ((await list({ lowToner: true, sort: 'SERIAL_NUMBER' }, c.adminToken)).edges as any[]).map(
        (edge) => edge.node.serialNumber as string,
      );
    expect(await low()).toEqual(['AT15', 'DESCLOW', 'INKEMPTY']);
    const notLow = await list({ lowToner: false, sort: 'SERIAL_NUMBER' }, c.adminToken);
    expect(notLow.edges.map((edge: any) => edge.node.serialNumber)).toEqual([
      'ABOVE15',
      'DESCWASTE',
      'FLIP',
      'NOTYPE',
    ]);
    // Levels written later (as ingest writes them, by UPDATE) move the device in and out.
    await t.prisma
      .$executeRaw`UPDATE supplies SET percent = 10 WHERE device_id = ${ids['FLIP']}::uuid`;
    expect(await low()).toEqual(['AT15', 'DESCLOW', 'FLIP', 'INKEMPTY']);
    await t.prisma
      .$executeRaw`UPDATE supplies SET percent = 100, state = 'OK' WHERE device_id = ${ids['FLIP']}::uuid`;
    expect(await low()).toEqual(['AT15', 'DESCLOW', 'INKEMPTY']);
    // The stored flag is PostgreSQL's to compute: a writer cannot set it.
    await expect(
      t.prisma
        .$executeRaw`UPDATE supplies SET low_marking = true WHERE device_id = ${ids['FLIP']}::uuid`,
    ).rejects.toThrow(/low_marking/);
  });

  it('filters devices with an active supply order as due soon', async () => {
    expect(await serials({ dueSoon: true })).toEqual(['DUE1']);
    expect(await serials({ dueSoon: false })).not.toContain('DUE1');
  });

  it('filters silent devices by the tenant silence threshold', async () => {
    expect(await serials({ silent: true })).toEqual(['SIL1']);
    const heard = await list({ silent: false });
    expect(heard.totalCount).toBe(FILL + 6);
  });

  it('filters by open alerts of at least a severity; closed alerts do not count', async () => {
    expect(await serials({ alertSeverity: 'CRITICAL' })).toEqual(['CRIT1']);
    expect((await serials({ alertSeverity: 'WARNING' })).sort()).toEqual(['CRIT1', 'WARN1']);
    expect((await serials({ alertSeverity: 'INFO' })).sort()).toEqual(['CRIT1', 'WARN1']);
  });

  it('finds an IP address exactly, never by prefix, and only in its own tenant', async () => {
    expect(await serials({ ipAddress: '127.0.0.10' })).toEqual(['LOW1']);
    expect(await serials({ ipAddress: '127.0.0.1' })).toEqual(['FULL1']);
    expect(await serials({ ipAddress: ' 127.0.0.100 ' })).toEqual(['LOW2']);
    expect(await serials({ ipAddress: '127.0.0.99' })).toEqual([]);
    const partial = await t.client.request(LIST, { ipAddress: '127.0.0' }, a.adminToken);
    expect(partial.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(partial.errors?.[0]?.message).toMatch(/ipAddress.*whole IPv4 or IPv6 address/);
  });

  it('combines filters with AND', async () => {
    expect(await serials({ lowToner: true, ipAddress: '127.0.0.100' })).toEqual(['LOW2']);
    expect(await serials({ lowToner: true, silent: true })).toEqual([]);
  });

  it('sorts by a column both ways, nulls last, ties broken by id', async () => {
    const up = await serials({ sort: 'SERIAL_NUMBER' });
    expect(up.slice(0, 3)).toEqual(['CRIT1', 'DUE1', 'FILL00']);
    const down = await serials({ sort: 'SERIAL_NUMBER', direction: 'DESC' });
    expect(down.slice(0, 2)).toEqual(['WARN1', 'SIL1']);
    const byRead = await list({ sort: 'LAST_READ', direction: 'DESC' });
    const order = (byRead.edges as any[]).map((edge) => edge.node.serialNumber as string);
    // Newest read first (FILL01 read 1 h ago), devices never read at the end.
    expect(order[0]).toBe('FILL01');
    expect(order.slice(-1)[0]).not.toMatch(/^FILL(01|02|04)$/);
    const unread = order.slice(20);
    expect(unread).toContain('LOW1');
  });

  const SORT_COLUMNS: Record<string, string[]> = {
    FIRST_SEEN: ['created_at'],
    LAST_SEEN: ['last_seen_at'],
    LAST_READ: ['last_meter_read_at'],
    MANUFACTURER: ['manufacturer', 'model'],
    MODEL: ['model'],
    SERIAL_NUMBER: ['serial_number'],
    IP_ADDRESS: ['ip_address'],
    HOSTNAME: ['hostname'],
    LOCATION: ['location'],
  };

  it.each(
    Object.keys(SORT_COLUMNS).flatMap((sort) => [
      [sort, 'ASC'],
      [sort, 'DESC'],
    ]),
  )(
    'sorts by %s %s as the same ORDER BY in SQL, nulls last, over pages of 7',
    async (sort, direction) => {
      const order = [...SORT_COLUMNS[sort]!, 'id']
        .map((column) => `${column} ${direction} NULLS LAST`)
        .join(', ');
      const expected = (
        await t.prisma.$queryRawUnsafe<Array<{ serial_number: string }>>(
          `SELECT serial_number FROM devices WHERE tenant_id = $1::uuid AND merged_into_id IS NULL ORDER BY ${order}`,
          a.tenant.id,
        )
      ).map((row) => row.serial_number);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const result = await list({ sort, direction, first: 7, after });
        seen.push(...(result.edges as any[]).map((edge) => edge.node.serialNumber as string));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(FILL + 7);
    },
  );

  it('pages by offset with a total count, and the next cursor continues the sorted list', async () => {
    const all = await serials({ sort: 'SERIAL_NUMBER' });
    const second = await list({ sort: 'SERIAL_NUMBER', first: 10, offset: 10 });
    expect(second.totalCount).toBe(FILL + 7);
    expect(second.edges.map((edge: any) => edge.node.serialNumber)).toEqual(all.slice(10, 20));
    expect(second.pageInfo.hasNextPage).toBe(true);
    const third = await list({
      sort: 'SERIAL_NUMBER',
      first: 10,
      after: second.pageInfo.endCursor,
    });
    expect(third.edges.map((edge: any) => edge.node.serialNumber)).toEqual(all.slice(20, 30));
    const last = await list({ sort: 'SERIAL_NUMBER', first: 10, offset: 30 });
    expect(last.edges).toHaveLength(7);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.totalCount).toBe(FILL + 7);
    const exact = await list({ sort: 'SERIAL_NUMBER', first: 7, offset: 30 });
    expect(exact.edges).toHaveLength(7);
    expect(exact.totalCount).toBe(FILL + 7);
    const beyond = await list({ sort: 'SERIAL_NUMBER', first: 10, offset: 50 });
    expect(beyond.edges).toEqual([]);
    expect(beyond.totalCount).toBe(FILL + 7);
    const few = await list({ sort: 'SERIAL_NUMBER', first: 10, silent: true });
    expect(few.totalCount).toBe(1);
  });

  it('keeps keyset cursors for the default order, oldest first', async () => {
    const first = await list({ first: 5 });
    expect(first.edges.map((edge: any) => edge.node.serialNumber)).toEqual([
      'FILL00',
      'FILL01',
      'FILL02',
      'FILL03',
      'FILL04',
    ]);
    const next = await list({ first: 5, after: first.pageInfo.endCursor });
    expect(next.edges[0].node.serialNumber).toBe('FILL05');
    expect(next.totalCount).toBe(FILL + 7);
  });

  it('rejects an offset together with after, and an offset out of range, naming the limit', async () => {
    const both = await t.client.request(LIST, { first: 5, offset: 5, after: 'x' }, a.adminToken);
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.message).toMatch(/offset/);
    const negative = await t.client.request(LIST, { offset: -1 }, a.adminToken);
    expect(negative.errors?.[0]?.message).toMatch(/between 0 and 1000000/);
  });

  it('shows tenant B none of tenant A devices', async () => {
    const other = await list({ lowToner: true }, b.adminToken);
    expect(other.edges.map((edge: any) => edge.node.serialNumber)).toEqual(['LOW9']);
    expect(other.totalCount).toBe(1);
  });
});
