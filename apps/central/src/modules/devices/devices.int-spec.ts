/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- GraphQL responses are asserted by value with expect(), not by static type */
import type { Device } from '@prisma/client';
import { createTestCustomer, type TestCustomer } from '../../../../../tools/testing/factories.js';
import {
  DOMAIN_TEST_PASSWORD,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('devices read side: meter reads, identity history, filters and facets (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  let other: TestCustomer;
  let customerToken: string;
  const now = new Date();
  const devices: Record<
    'ok' | 'warning' | 'error' | 'offline' | 'silent' | 'otherCustomer',
    Device
  > = {} as any;
  /** Five distinct reads of the OK device, oldest first. */
  const readTimes = [40, 30, 20, 10, 1].map((days) => new Date(now.getTime() - days * DAY));

  beforeAll(async () => {
    t = await startDomainTestApp([]);
    a = await t.dealer();
    b = await t.dealer();
    other = await createTestCustomer(t.prisma, a.tenant.id, { customerName: 'Other customer' });
    const signIn = await t.client.ok<{ signIn: { accessToken: string } }>(
      `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`,
      { email: a.users!.customerAdmin.email, password: DOMAIN_TEST_PASSWORD },
    );
    customerToken = signIn.signIn.accessToken;

    const device = (data: Partial<Device>, customer: TestCustomer = a) =>
      t.prisma.device.create({
        data: {
          tenantId: a.tenant.id,
          customerId: customer.customer.id,
          siteId: customer.site.id,
          lastSeenAt: new Date(now.getTime() - HOUR),
          detectedErrors: [],
          ...(data as object),
        },
      });
    devices.ok = await device({
      manufacturer: 'HP',
      model: 'LaserJet M479',
      serialNumber: 'OK1',
      detectedErrors: ['outputNearFull'],
    });
    devices.warning = await device({
      manufacturer: 'hp',
      model: 'laserjet m479',
      serialNumber: 'WARN1',
      detectedErrors: ['lowToner'],
    });
    devices.error = await device({
      manufacturer: 'Kyocera',
      model: 'TASKalfa 2553ci',
      serialNumber: 'ERR1',
    });
    devices.offline = await device({
      manufacturer: 'Kyocera',
      model: 'ECOSYS M2540dn',
      serialNumber: 'OFF1',
      detectedErrors: ['offline', 'jammed'],
    });
    devices.silent = await device({
      manufacturer: 'Brother',
      model: 'HL-L2350DW',
      serialNumber: 'SIL1',
      lastSeenAt: new Date(now.getTime() - 3 * DAY),
    });
    devices.otherCustomer = await device(
      { manufacturer: 'Ricoh', model: 'IM C3000', serialNumber: 'RIC1' },
      other,
    );
    // The column is nullable: a device whose error bits were never written is OK, not nothing.
    await t.prisma
      .$executeRaw`UPDATE devices SET detected_errors = NULL WHERE id = ${devices.otherCustomer.id}::uuid`;
    // The error device's status comes from an open CRITICAL alert only; a closed one elsewhere must not count.
    await t.prisma.alert.createMany({
      data: [
        {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          deviceId: devices.error.id,
          code: 'FUSER_FAILURE',
          severity: 'CRITICAL',
          source: 'ALERT_TABLE',
          openedAt: now,
          lastSeenAt: now,
          openKey: `${devices.error.id}:FUSER_FAILURE`,
        },
        {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          deviceId: devices.ok.id,
          code: 'JAM',
          severity: 'CRITICAL',
          source: 'DEVICE_STATUS',
          openedAt: now,
          lastSeenAt: now,
          closedAt: now,
        },
      ],
    });
    await t.prisma.meterRead.createMany({
      data: readTimes.map((readAt, index) => ({
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        deviceId: devices.ok.id,
        readAt,
        lastSeenAt: new Date(readAt.getTime() + HOUR),
        counters: { total: 1000 + index * 100, mono: 800 + index * 60, color: 200 + index * 40 },
      })),
    });
    await t.prisma.meterRead.create({
      data: {
        tenantId: a.tenant.id,
        customerId: other.customer.id,
        deviceId: devices.otherCustomer.id,
        readAt: now,
        lastSeenAt: now,
        counters: { total: 5 },
      },
    });
    await t.prisma.deviceIdentityChange.createMany({
      data: [
        {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          deviceId: devices.ok.id,
          field: 'ipAddress',
          oldValue: '127.0.0.10',
          newValue: '127.0.0.11',
          changedAt: new Date(now.getTime() - 5 * DAY),
        },
        {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          deviceId: devices.ok.id,
          field: 'macAddress',
          oldValue: '00:11:22:33:44:55',
          newValue: '00:11:22:33:44:66',
          changedAt: new Date(now.getTime() - 2 * DAY),
        },
        {
          tenantId: a.tenant.id,
          customerId: other.customer.id,
          deviceId: devices.otherCustomer.id,
          field: 'ipAddress',
          oldValue: '127.0.0.20',
          newValue: '127.0.0.21',
          changedAt: now,
        },
      ],
    });
  }, 120_000);
  afterAll(() => t?.close());

  const listIds = async (token: string, filter: Record<string, unknown>) => {
    const data = await t.client.ok<any>(
      `query($manufacturer: String, $model: String, $status: DeviceStatus, $search: String, $customerId: ID) {
        devices(manufacturer: $manufacturer, model: $model, status: $status, search: $search, customerId: $customerId, first: 100) { edges { node { id status } } }
      }`,
      filter,
      token,
    );
    return data.devices.edges.map((edge: any) => edge.node.id as string).sort();
  };
  const sorted = (...list: Device[]) => list.map((device) => device.id).sort();

  it('derives each device status by the documented rule', async () => {
    const data = await t.client.ok<any>(
      `{ devices(first: 100) { edges { node { id status } } } }`,
      {},
      a.adminToken,
    );
    const status = Object.fromEntries(
      data.devices.edges.map((edge: any) => [edge.node.id, edge.node.status]),
    );
    expect(status).toEqual({
      [devices.ok.id]: 'OK',
      [devices.warning.id]: 'WARNING',
      [devices.error.id]: 'ERROR',
      [devices.offline.id]: 'OFFLINE',
      [devices.silent.id]: 'NOT_SEEN_RECENTLY',
      [devices.otherCustomer.id]: 'OK',
    });
    const one = await t.client.ok<any>(
      `query($id: ID!) { device(id: $id) { status } }`,
      { id: devices.error.id },
      a.adminToken,
    );
    expect(one.device.status).toBe('ERROR');
  });

  it('filters by status server-side with the same rule as the status field', async () => {
    expect(await listIds(a.adminToken, { status: 'OK' })).toEqual(
      sorted(devices.ok, devices.otherCustomer),
    );
    expect(await listIds(a.adminToken, { status: 'WARNING' })).toEqual(sorted(devices.warning));
    expect(await listIds(a.adminToken, { status: 'ERROR' })).toEqual(sorted(devices.error));
    expect(await listIds(a.adminToken, { status: 'OFFLINE' })).toEqual(sorted(devices.offline));
    expect(await listIds(a.adminToken, { status: 'NOT_SEEN_RECENTLY' })).toEqual(
      sorted(devices.silent),
    );
  });

  it("filters a customer user's own devices by status and manufacturer too", async () => {
    expect(await listIds(customerToken, { status: 'OK' })).toEqual(sorted(devices.ok));
    expect(await listIds(customerToken, { status: 'ERROR' })).toEqual(sorted(devices.error));
    expect(await listIds(customerToken, { manufacturer: 'kyocera' })).toEqual(
      sorted(devices.error, devices.offline),
    );
  });

  it('filters by exact manufacturer and model ignoring case, combined with search and status', async () => {
    expect(await listIds(a.adminToken, { manufacturer: 'HP' })).toEqual(
      sorted(devices.ok, devices.warning),
    );
    expect(
      await listIds(a.adminToken, { manufacturer: 'kyocera', model: 'taskalfa 2553CI' }),
    ).toEqual(sorted(devices.error));
    // Exact, not contains.
    expect(await listIds(a.adminToken, { model: 'LaserJet' })).toEqual([]);
    expect(await listIds(a.adminToken, { manufacturer: 'HP', status: 'WARNING' })).toEqual(
      sorted(devices.warning),
    );
    expect(await listIds(a.adminToken, { manufacturer: 'HP', search: 'OK1' })).toEqual(
      sorted(devices.ok),
    );
    expect(await listIds(customerToken, { manufacturer: 'Ricoh' })).toEqual([]);
    expect(await listIds(b.adminToken, { manufacturer: 'HP' })).toEqual([]);
  });

  it('lists distinct manufacturers and models in scope for the filter dropdowns', async () => {
    const query = `query($customerId: ID) { deviceFacets(customerId: $customerId) { manufacturers models { manufacturer model count } } }`;
    const all = (await t.client.ok<any>(query, {}, a.adminToken)).deviceFacets;
    expect(all.manufacturers).toEqual([
      'Brother',
      expect.stringMatching(/^hp$/i),
      'Kyocera',
      'Ricoh',
    ]);
    expect(all.models).toEqual([
      { manufacturer: 'Brother', model: 'HL-L2350DW', count: 1 },
      {
        manufacturer: expect.stringMatching(/^hp$/i),
        model: expect.stringMatching(/^laserjet m479$/i),
        count: 2,
      },
      { manufacturer: 'Kyocera', model: 'ECOSYS M2540dn', count: 1 },
      { manufacturer: 'Kyocera', model: 'TASKalfa 2553ci', count: 1 },
      { manufacturer: 'Ricoh', model: 'IM C3000', count: 1 },
    ]);
    const forOther = (
      await t.client.ok<any>(query, { customerId: other.customer.id }, a.adminToken)
    ).deviceFacets;
    expect(forOther).toEqual({
      manufacturers: ['Ricoh'],
      models: [{ manufacturer: 'Ricoh', model: 'IM C3000', count: 1 }],
    });
    // A customer admin sees only its own customer's models, even when naming another.
    const own = (await t.client.ok<any>(query, {}, customerToken)).deviceFacets;
    expect(own.manufacturers).not.toContain('Ricoh');
    expect(own.models).toHaveLength(4);
    expect(
      (await t.client.ok<any>(query, { customerId: other.customer.id }, customerToken))
        .deviceFacets,
    ).toEqual({ manufacturers: [], models: [] });
    expect((await t.client.ok<any>(query, {}, b.adminToken)).deviceFacets).toEqual({
      manufacturers: [],
      models: [],
    });
  });

  const READS = `query($id: ID!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    device(id: $id) { meterReads(from: $from, to: $to, first: $first, after: $after) { edges { node { readAt lastSeenAt counters } } pageInfo { hasNextPage endCursor } } }
  }`;

  it('pages meter reads newest first with their counters', async () => {
    const all = (await t.client.ok<any>(READS, { id: devices.ok.id }, a.adminToken)).device
      .meterReads;
    expect(all.edges.map((edge: any) => edge.node.readAt)).toEqual(
      [...readTimes].reverse().map((at) => at.toISOString()),
    );
    expect(all.edges[0].node).toEqual({
      readAt: readTimes[4]!.toISOString(),
      lastSeenAt: new Date(readTimes[4]!.getTime() + HOUR).toISOString(),
      counters: { total: 1400, mono: 1040, color: 360 },
    });
    expect(all.pageInfo.hasNextPage).toBe(false);

    const first = (await t.client.ok<any>(READS, { id: devices.ok.id, first: 2 }, a.adminToken))
      .device.meterReads;
    expect(first.edges.map((edge: any) => edge.node.counters.total)).toEqual([1400, 1300]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await t.client.ok<any>(
        READS,
        { id: devices.ok.id, first: 2, after: first.pageInfo.endCursor },
        a.adminToken,
      )
    ).device.meterReads;
    expect(second.edges.map((edge: any) => edge.node.counters.total)).toEqual([1200, 1100]);
    const third = (
      await t.client.ok<any>(
        READS,
        { id: devices.ok.id, first: 2, after: second.pageInfo.endCursor },
        a.adminToken,
      )
    ).device.meterReads;
    expect(third.edges.map((edge: any) => edge.node.counters.total)).toEqual([1000]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('bounds meter reads to [from, to] and to at most 1000 a page', async () => {
    const ranged = (
      await t.client.ok<any>(
        READS,
        { id: devices.ok.id, from: readTimes[1]!.toISOString(), to: readTimes[3]!.toISOString() },
        a.adminToken,
      )
    ).device.meterReads;
    expect(ranged.edges.map((edge: any) => edge.node.counters.total)).toEqual([1300, 1200, 1100]);
    expect(await t.client.errorCode(READS, { id: devices.ok.id, first: 1001 }, a.adminToken)).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.client.errorCode(READS, { id: devices.ok.id, first: 0 }, a.adminToken)).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await t.client.errorCode(
        READS,
        { id: devices.ok.id, from: readTimes[3]!.toISOString(), to: readTimes[1]!.toISOString() },
        a.adminToken,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await t.client.errorCode(READS, { id: devices.ok.id, after: 'not-a-cursor' }, a.adminToken),
    ).toBe('BAD_USER_INPUT');
  });

  it('lists IP/MAC history newest first', async () => {
    const data = await t.client.ok<any>(
      `query($id: ID!) { device(id: $id) { identityChanges { field oldValue newValue changedAt } } }`,
      { id: devices.ok.id },
      a.adminToken,
    );
    expect(data.device.identityChanges).toEqual([
      {
        field: 'macAddress',
        oldValue: '00:11:22:33:44:55',
        newValue: '00:11:22:33:44:66',
        changedAt: new Date(now.getTime() - 2 * DAY).toISOString(),
      },
      {
        field: 'ipAddress',
        oldValue: '127.0.0.10',
        newValue: '127.0.0.11',
        changedAt: new Date(now.getTime() - 5 * DAY).toISOString(),
      },
    ]);
    const one = await t.client.ok<any>(
      `query($id: ID!) { device(id: $id) { identityChanges(first: 1) { field } } }`,
      { id: devices.ok.id },
      a.adminToken,
    );
    expect(one.device.identityChanges).toEqual([{ field: 'macAddress' }]);
  });

  it('gives neither reads nor history of a device outside the caller’s tenant or customer', async () => {
    const query = `query($id: ID!) { device(id: $id) { meterReads { edges { node { readAt } } } identityChanges { field } } }`;
    expect(await t.client.errorCode(query, { id: devices.otherCustomer.id }, customerToken)).toBe(
      'NOT_FOUND',
    );
    expect(await t.client.errorCode(query, { id: devices.ok.id }, b.adminToken)).toBe('NOT_FOUND');
    const own = await t.client.ok<any>(query, { id: devices.otherCustomer.id }, a.adminToken);
    expect(own.device.meterReads.edges).toHaveLength(1);
    expect(own.device.identityChanges).toEqual([{ field: 'ipAddress' }]);
  });
});
