/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- GraphQL responses are asserted by value with expect(), not by static type */
import type { Device, Prisma } from '@prisma/client';
import { createTestCustomer, type TestCustomer } from '../../../../../tools/testing/factories.js';
import { hashPassword } from '../../platform/auth/password-hasher.js';
import { MetersService } from '../meters/meters.service.js';
import {
  DOMAIN_TEST_PASSWORD,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';

const at = (iso: string) => new Date(iso);

const MERGE = `mutation($input: MergeDevicesInput!) {
  mergeDevices(input: $input) { id serialNumber ipAddress needsReview reviewReason mergedIntoId firstSeenAt lastSeenAt lastMeterReadAt }
}`;
const DISMISS = `mutation($id: ID!) { dismissDeviceReview(id: $id) { id needsReview reviewReason } }`;
const USAGE = `query($deviceIds: [ID!], $from: DateTime!, $to: DateTime!) {
  usage(filter: { deviceIds: $deviceIds }, from: $from, to: $to, counters: ["total"]) {
    edges { node { deviceId counters { counter delta flags start { value readAt } end { value readAt } } } }
  }
}`;

describe('device merge and review (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  let other: TestCustomer;
  let meters: MetersService;
  let technicianToken: string;
  let customerToken: string;
  let agentId: string;

  const device = (
    data: Partial<Prisma.DeviceUncheckedCreateInput>,
    dealer: TestDealer = a,
    customer: TestCustomer = dealer,
  ) =>
    t.prisma.device.create({
      data: {
        tenantId: dealer.tenant.id,
        customerId: customer.customer.id,
        siteId: customer.site.id,
        manufacturer: 'Kyocera',
        model: 'TASKalfa 2554ci',
        detectedErrors: [],
        ...data,
      },
    });
  /** A reading through meters; the device row's lastMeterReadAt as an upload would write it. */
  const record = async (d: Device, iso: string, counters: Record<string, number>) => {
    const recorded = await t.asTenant(d.tenantId, (tx) =>
      meters.recordReadings(tx, [{ device: d, readings: [{ readAt: at(iso), counters }] }]),
    );
    const newest = recorded.newestRead.get(d.id);
    if (newest)
      await t.prisma.device.updateMany({
        where: { id: d.id, OR: [{ lastMeterReadAt: null }, { lastMeterReadAt: { lt: newest } }] },
        data: { lastMeterReadAt: newest },
      });
    return recorded;
  };
  const merge = (keep: Device, merged: Device, token = technicianToken) =>
    t.client.ok<any>(MERGE, { input: { keepId: keep.id, mergeId: merged.id } }, token);
  const usage = async (d: Device, from: string, to: string) => {
    const data = await t.client.ok<any>(USAGE, { deviceIds: [d.id], from, to }, a.adminToken);
    return data.usage.edges[0].node.counters[0];
  };
  const signIn = async (email: string) =>
    (
      await t.client.ok<{ signIn: { accessToken: string } }>(
        `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`,
        { email, password: DOMAIN_TEST_PASSWORD },
      )
    ).signIn.accessToken;

  beforeAll(async () => {
    t = await startDomainTestApp([]);
    meters = t.app.get(MetersService);
    a = await t.dealer();
    b = await t.dealer();
    other = await createTestCustomer(t.prisma, a.tenant.id, { customerName: 'Other customer' });
    const technician = await t.prisma.user.create({
      data: {
        tenantId: a.tenant.id,
        email: `tech-${a.tenant.slug}@dealer.test`,
        name: 'Technician',
        passwordHash: await hashPassword(DOMAIN_TEST_PASSWORD),
        role: 'DEALER_TECHNICIAN',
      },
    });
    technicianToken = await signIn(technician.email);
    customerToken = await signIn(a.users!.customerAdmin.email);
    const agent = await t.prisma.agent.create({
      data: { tenantId: a.tenant.id, customerId: a.customer.id, siteId: a.site.id, name: 'agent' },
    });
    agentId = agent.id;
  }, 120_000);
  afterAll(() => t?.close());

  describe('one printer seen as two devices (new board, new serial)', () => {
    let old: Device;
    let fresh: Device;
    let merged: any;

    beforeAll(async () => {
      old = await device({
        serialNumber: 'OLD-1',
        macAddress: '00:11:22:33:44:55',
        ipAddress: '127.0.0.5',
        firmware: '1.0',
        firstSeenAt: at('2026-01-01T00:00:00Z'),
        lastSeenAt: at('2026-01-20T00:00:00Z'),
        needsReview: true,
        reviewReason: 'DUPLICATE_SERIAL',
      });
      fresh = await device({
        serialNumber: 'NEW-1',
        macAddress: '00:11:22:33:44:55',
        ipAddress: '127.0.0.6',
        firmware: '2.0',
        agentId,
        firstSeenAt: at('2026-01-21T00:00:00Z'),
        lastSeenAt: at('2026-02-10T00:00:00Z'),
        needsReview: true,
        reviewReason: 'DUPLICATE_SERIAL',
      });
      await record(old, '2026-01-05T00:00:00Z', { total: 1000 });
      await record(old, '2026-01-15T00:00:00Z', { total: 1200 });
      // The same instant on both: the kept device's read wins, this one stays behind.
      await record(fresh, '2026-01-15T00:00:00Z', { total: 1190 });
      await record(fresh, '2026-01-25T00:00:00Z', { total: 1250 });
      await record(fresh, '2026-02-05T00:00:00Z', { total: 1400 });

      const base = (d: Device) => ({
        tenantId: d.tenantId,
        customerId: d.customerId,
        deviceId: d.id,
      });
      await t.prisma.deviceIdentityChange.createMany({
        data: [
          {
            ...base(old),
            field: 'ipAddress',
            oldValue: '127.0.0.4',
            newValue: '127.0.0.5',
            changedAt: at('2026-01-10T00:00:00Z'),
          },
          {
            ...base(fresh),
            field: 'firmware',
            oldValue: '1.9',
            newValue: '2.0',
            changedAt: at('2026-02-01T00:00:00Z'),
          },
        ],
      });
      const alert = (d: Device, code: string, closed = false) => ({
        ...base(d),
        code,
        severity: 'WARNING' as const,
        source: 'DEVICE_STATUS',
        openedAt: at('2026-02-01T00:00:00Z'),
        lastSeenAt: at('2026-02-01T00:00:00Z'),
        closedAt: closed ? at('2026-02-02T00:00:00Z') : null,
        openKey: closed ? null : `${d.id}:${code}`,
      });
      await t.prisma.alert.createMany({
        data: [
          alert(old, 'TONER_LOW'),
          alert(fresh, 'TONER_LOW'),
          alert(fresh, 'JAM'),
          alert(fresh, 'DOOR_OPEN', true),
        ],
      });

      const supply = (d: Device, key: string, percent: number, readAt: string) =>
        t.prisma.supply.create({
          data: {
            ...base(d),
            supplyKey: key,
            type: 'toner',
            color: key,
            percent,
            readAt: at(readAt),
          },
        });
      const oldBlack = await supply(old, 'black', 40, '2026-01-15T00:00:00Z');
      const freshBlack = await supply(fresh, 'black', 90, '2026-02-05T00:00:00Z');
      const freshCyan = await supply(fresh, 'cyan', 8, '2026-02-05T00:00:00Z');
      const level = (s: { id: string; deviceId: string }, iso: string, percent: number) => ({
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        deviceId: s.deviceId,
        supplyId: s.id,
        percent,
        readAt: at(iso),
      });
      await t.prisma.supplyLevel.createMany({
        data: [
          level(oldBlack, '2026-01-05T00:00:00Z', 60),
          level(oldBlack, '2026-01-15T00:00:00Z', 40),
          level(freshBlack, '2026-01-15T00:00:00Z', 39),
          level(freshBlack, '2026-02-05T00:00:00Z', 90),
          level(freshCyan, '2026-02-05T00:00:00Z', 8),
        ],
      });
      const order = (s: { id: string; deviceId: string; supplyKey: string }) =>
        t.prisma.supplyOrder.create({
          data: {
            tenantId: a.tenant.id,
            customerId: a.customer.id,
            deviceId: s.deviceId,
            supplyId: s.id,
            supplyKey: s.supplyKey,
            reason: 'THRESHOLD',
            activeKey: s.id,
          },
        });
      await order(oldBlack);
      await order(freshBlack);
      await order(freshCyan);
      await t.prisma.command.create({
        data: {
          ...base(fresh),
          agentId,
          type: 'REFRESH_STATUS',
          requestedByKind: 'USER',
          expiresAt: at('2100-01-01T00:00:00Z'),
        },
      });

      merged = (await merge(old, fresh)).mergeDevices;
    }, 60_000);

    it('returns the kept device spanning both lives, with the newer identity and the flag cleared', () => {
      expect(merged).toEqual({
        id: old.id,
        serialNumber: 'NEW-1',
        ipAddress: '127.0.0.6',
        needsReview: false,
        reviewReason: null,
        mergedIntoId: null,
        firstSeenAt: '2026-01-01T00:00:00.000Z',
        lastSeenAt: '2026-02-10T00:00:00.000Z',
        lastMeterReadAt: '2026-02-05T00:00:00.000Z',
      });
    });

    it('hides the merged device from lists but keeps it, pointing at the kept one', async () => {
      const list = await t.client.ok<any>(
        `{ devices(first: 100) { edges { node { id } } } }`,
        {},
        a.adminToken,
      );
      const ids = list.devices.edges.map((edge: any) => edge.node.id);
      expect(ids).toContain(old.id);
      expect(ids).not.toContain(fresh.id);
      const search = await t.client.ok<any>(
        `{ devices(search: "NEW-1", first: 100) { edges { node { id } } } }`,
        {},
        a.adminToken,
      );
      expect(search.devices.edges.map((edge: any) => edge.node.id)).toEqual([old.id]);
      const gone = await t.client.ok<any>(
        `query($id: ID!) { device(id: $id) { mergedIntoId needsReview } }`,
        { id: fresh.id },
        a.adminToken,
      );
      expect(gone.device).toEqual({ mergedIntoId: old.id, needsReview: false });
    });

    it('shows both meter histories under the kept device; a read at an instant it already had stays behind', async () => {
      const data = await t.client.ok<any>(
        `query($id: ID!) { device(id: $id) { meterReads { edges { node { readAt counters } } } } }`,
        { id: old.id },
        a.adminToken,
      );
      expect(
        data.device.meterReads.edges.map((edge: any) => [
          edge.node.readAt,
          edge.node.counters.total,
        ]),
      ).toEqual([
        ['2026-02-05T00:00:00.000Z', 1400],
        ['2026-01-25T00:00:00.000Z', 1250],
        ['2026-01-15T00:00:00.000Z', 1200],
        ['2026-01-05T00:00:00.000Z', 1000],
      ]);
      const left = await t.prisma.meterRead.findMany({ where: { deviceId: fresh.id } });
      expect(left.map((row) => [row.readAt.toISOString(), (row.counters as any).total])).toEqual([
        ['2026-01-15T00:00:00.000Z', 1190],
      ]);
      expect(
        await t.prisma.meterDiscontinuity.count({
          where: { deviceId: { in: [old.id, fresh.id] } },
        }),
      ).toBe(0);
    });

    it('gives usage across the seam: 1000 → 1200 on one identity, 1250 → 1400 on the other, 400 in all', async () => {
      const ends = {
        start: { value: 1000, readAt: '2026-01-05T00:00:00.000Z' },
        end: { value: 1400, readAt: '2026-02-05T00:00:00.000Z' },
      };
      // From before the first read: the start is the first read after it (flagged as such), no rollback.
      expect(await usage(old, '2026-01-01T00:00:00Z', '2026-02-28T00:00:00Z')).toEqual({
        counter: 'total',
        delta: 400,
        flags: ['MISSING_START'],
        ...ends,
      });
      expect(await usage(old, '2026-01-05T00:00:00Z', '2026-02-28T00:00:00Z')).toEqual({
        counter: 'total',
        delta: 400,
        flags: [],
        ...ends,
      });
      // Across the seam only.
      expect(await usage(old, '2026-01-16T00:00:00Z', '2026-01-26T00:00:00Z')).toMatchObject({
        delta: 50,
        flags: [],
      });
    });

    it('moves the identity history and records the merge and the identity taken over', async () => {
      const data = await t.client.ok<any>(
        `query($id: ID!) { device(id: $id) { identityChanges { field oldValue newValue } } }`,
        { id: old.id },
        a.adminToken,
      );
      const changes = data.device.identityChanges;
      expect(changes).toEqual(
        expect.arrayContaining([
          { field: 'mergedFrom', oldValue: 'NEW-1', newValue: fresh.id },
          { field: 'serialNumber', oldValue: 'OLD-1', newValue: 'NEW-1' },
          { field: 'ipAddress', oldValue: '127.0.0.5', newValue: '127.0.0.6' },
          { field: 'firmware', oldValue: '1.0', newValue: '2.0' },
          { field: 'firmware', oldValue: '1.9', newValue: '2.0' },
          { field: 'ipAddress', oldValue: '127.0.0.4', newValue: '127.0.0.5' },
        ]),
      );
      expect(changes).toHaveLength(6);
      const row = await t.prisma.device.findFirstOrThrow({ where: { id: old.id } });
      expect(row.agentId).toBe(agentId);
    });

    it('moves alerts: an open code both had is closed, the others stay open under the kept device', async () => {
      const data = await t.client.ok<any>(
        `query($id: ID!) { device(id: $id) { openAlerts { code } } }`,
        { id: old.id },
        a.adminToken,
      );
      expect(data.device.openAlerts.map((alert: any) => alert.code).sort()).toEqual([
        'JAM',
        'TONER_LOW',
      ]);
      const rows = await t.prisma.alert.findMany({
        where: { deviceId: old.id },
        orderBy: [{ code: 'asc' }, { openedAt: 'asc' }],
      });
      expect(rows.map((row) => [row.code, row.closedAt !== null, row.openKey])).toEqual(
        expect.arrayContaining([
          ['DOOR_OPEN', true, null],
          ['JAM', false, `${old.id}:JAM`],
          ['TONER_LOW', false, `${old.id}:TONER_LOW`],
          ['TONER_LOW', true, null],
        ]),
      );
      expect(rows).toHaveLength(4);
      expect(await t.prisma.alert.count({ where: { deviceId: fresh.id } })).toBe(0);
    });

    it('joins supplies: levels of a shared supply fold in (existing instants skipped), others move whole', async () => {
      const supplies = await t.prisma.supply.findMany({
        where: { deviceId: old.id },
        orderBy: { supplyKey: 'asc' },
      });
      expect(supplies.map((s) => [s.supplyKey, s.percent])).toEqual([
        ['black', 90],
        ['cyan', 8],
      ]);
      const black = supplies[0]!;
      const levels = await t.prisma.supplyLevel.findMany({
        where: { supplyId: black.id },
        orderBy: { readAt: 'asc' },
      });
      expect(levels.map((l) => [l.readAt.toISOString(), l.percent, l.deviceId])).toEqual([
        ['2026-01-05T00:00:00.000Z', 60, old.id],
        ['2026-01-15T00:00:00.000Z', 40, old.id],
        ['2026-02-05T00:00:00.000Z', 90, old.id],
      ]);
      const leftBehind = await t.prisma.supplyLevel.findMany({ where: { deviceId: fresh.id } });
      expect(leftBehind.map((l) => [l.readAt.toISOString(), l.percent])).toEqual([
        ['2026-01-15T00:00:00.000Z', 39],
      ]);
      const cyanLevels = await t.prisma.supplyLevel.count({
        where: { supplyId: supplies[1]!.id, deviceId: old.id },
      });
      expect(cyanLevels).toBe(1);

      const orders = await t.prisma.supplyOrder.findMany({
        where: { deviceId: old.id },
        orderBy: { createdAt: 'asc' },
      });
      expect(
        orders.map((o) => [
          o.supplyKey,
          o.supplyId === black.id || o.supplyId === supplies[1]!.id,
          o.status,
          o.activeKey !== null,
        ]),
      ).toEqual([
        ['black', true, 'OPEN', true],
        ['black', true, 'CANCELLED', false],
        ['cyan', true, 'OPEN', true],
      ]);
      expect(await t.prisma.supplyOrder.count({ where: { deviceId: fresh.id } })).toBe(0);
      const commands = await t.prisma.command.findMany({
        where: { deviceId: { in: [old.id, fresh.id] } },
      });
      expect(commands.map((c) => c.deviceId)).toEqual([old.id]);
    });

    it('audits the merge', async () => {
      const events = await t.prisma.auditEvent.findMany({
        where: { tenantId: a.tenant.id, action: 'device.merge', targetId: old.id },
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorKind: 'USER',
        outcome: 'SUCCESS',
        customerId: a.customer.id,
        targetType: 'Device',
      });
      expect(events[0]!.details).toMatchObject({
        mergedDeviceId: fresh.id,
        meterReadsMoved: 2,
        alertsClosed: 1,
        alertsMoved: 3,
        suppliesMoved: 1,
        suppliesFolded: 1,
        supplyLevelsFolded: 1,
        supplyOrdersCancelled: 1,
      });
    });

    it('refuses a device already merged, either way round', async () => {
      const third = await device({ serialNumber: 'THIRD-1' });
      expect(
        await t.client.errorCode(
          MERGE,
          { input: { keepId: third.id, mergeId: fresh.id } },
          a.adminToken,
        ),
      ).toBe('CONFLICT');
      expect(
        await t.client.errorCode(
          MERGE,
          { input: { keepId: fresh.id, mergeId: third.id } },
          a.adminToken,
        ),
      ).toBe('CONFLICT');
      expect(await t.client.errorCode(DISMISS, { id: fresh.id }, a.adminToken)).toBe('CONFLICT');
      expect(
        (await t.prisma.device.findFirstOrThrow({ where: { id: third.id } })).mergedIntoId,
      ).toBeNull();
    });
  });

  it('joins equal level runs that meet in a folded supply: the first runs to the last reading', async () => {
    const first = await device({ serialNumber: 'RUNS-A', lastSeenAt: at('2026-05-03T00:00:00Z') });
    const second = await device({ serialNumber: 'RUNS-B', lastSeenAt: at('2026-05-06T00:00:00Z') });
    const supply = (d: Device) =>
      t.prisma.supply.create({
        data: {
          tenantId: d.tenantId,
          customerId: d.customerId,
          deviceId: d.id,
          supplyKey: '1.1|black',
          percent: 50,
          readAt: at('2026-05-01T00:00:00Z'),
        },
      });
    const kept = await supply(first);
    const folded = await supply(second);
    const run = (s: typeof kept, percent: number, readAt: string, lastSeenAt: string | null) => ({
      tenantId: s.tenantId,
      customerId: s.customerId,
      deviceId: s.deviceId,
      supplyId: s.id,
      percent,
      readAt: at(readAt),
      lastSeenAt: lastSeenAt ? at(lastSeenAt) : null,
    });
    await t.prisma.supplyLevel.createMany({
      data: [
        run(kept, 50, '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z'),
        run(folded, 50, '2026-05-02T01:00:00Z', '2026-05-03T00:00:00Z'),
        run(folded, 50, '2026-05-03T01:00:00Z', null),
        run(folded, 40, '2026-05-04T00:00:00Z', '2026-05-05T00:00:00Z'),
        run(kept, 40, '2026-05-05T01:00:00Z', null),
      ],
    });
    await merge(first, second, a.adminToken);

    const levels = await t.prisma.supplyLevel.findMany({
      where: { supplyId: kept.id },
      orderBy: { readAt: 'asc' },
    });
    expect(
      levels.map((l) => [l.readAt.toISOString(), l.lastSeenAt?.toISOString() ?? null, l.percent]),
    ).toEqual([
      ['2026-05-01T00:00:00.000Z', '2026-05-03T01:00:00.000Z', 50],
      ['2026-05-04T00:00:00.000Z', '2026-05-05T01:00:00.000Z', 40],
    ]);
    expect(await t.prisma.supplyLevel.count({ where: { supplyId: folded.id } })).toBe(0);
  });

  it('opens a reviewable discontinuity where the joined sequence goes down; usage is withheld, never negative', async () => {
    const first = await device({ serialNumber: 'DROP-A', lastSeenAt: at('2026-03-15T00:00:00Z') });
    const second = await device({ serialNumber: 'DROP-B', lastSeenAt: at('2026-04-15T00:00:00Z') });
    await record(first, '2026-03-05T00:00:00Z', { total: 5000 });
    await record(first, '2026-03-15T00:00:00Z', { total: 5200 });
    await record(second, '2026-03-25T00:00:00Z', { total: 300 });
    await record(second, '2026-04-05T00:00:00Z', { total: 450 });
    await merge(first, second, a.adminToken);

    const list = await t.client.ok<any>(
      `query($deviceId: ID) { meterDiscontinuities(deviceId: $deviceId, first: 10) { edges { node { id counter beforeValue afterValue afterReadAt status } } } }`,
      { deviceId: first.id },
      a.adminToken,
    );
    const found = list.meterDiscontinuities.edges.map((edge: any) => edge.node);
    expect(found).toEqual([
      {
        id: expect.any(String),
        counter: 'total',
        beforeValue: 5200,
        afterValue: 300,
        afterReadAt: '2026-03-25T00:00:00.000Z',
        status: 'OPEN',
      },
    ]);

    const period = ['2026-03-01T00:00:00Z', '2026-04-30T00:00:00Z'] as const;
    expect(await usage(first, ...period)).toMatchObject({
      delta: null,
      flags: ['MISSING_START', 'ROLLBACK_OPEN'],
    });
    // After the seam nothing is withheld.
    expect(await usage(first, '2026-03-26T00:00:00Z', '2026-04-30T00:00:00Z')).toMatchObject({
      delta: 150,
      flags: [],
    });

    await t.client.ok(
      `mutation($id: ID!) { reviewMeterDiscontinuity(id: $id, input: { action: ACCEPT_RESET, offset: 0 }) { status } }`,
      { id: found[0].id },
      a.adminToken,
    );
    // 5000 → 5200 before, nothing across the swap, 300 → 450 after.
    expect(await usage(first, ...period)).toMatchObject({
      delta: 350,
      flags: ['MISSING_START', 'ROLLBACK_REVIEWED'],
    });
  }, 60_000);

  it('checks both neighbours of a read that lands between two kept reads', async () => {
    const kept = await device({ serialNumber: 'MID-A' });
    const between = await device({ serialNumber: 'MID-B' });
    await record(kept, '2026-05-01T00:00:00Z', { total: 100, mono: 100 });
    await record(kept, '2026-05-20T00:00:00Z', { total: 300, mono: 300 });
    // total fits between its neighbours; mono is above the later kept read.
    await record(between, '2026-05-10T00:00:00Z', { total: 200, mono: 350 });
    await merge(kept, between, a.adminToken);
    const rows = await t.prisma.meterDiscontinuity.findMany({
      where: { deviceId: kept.id },
      include: { beforeRead: true, afterRead: true },
    });
    expect(
      rows.map((row) => [
        row.counter,
        Number(row.beforeValue),
        Number(row.afterValue),
        row.beforeRead.readAt.toISOString(),
        row.afterRead.readAt.toISOString(),
      ]),
    ).toEqual([['mono', 350, 300, '2026-05-10T00:00:00.000Z', '2026-05-20T00:00:00.000Z']]);
  }, 60_000);

  it('refuses the same device, another customer, another tenant, and customer users, changing nothing', async () => {
    const one = await device({
      serialNumber: 'REF-1',
      needsReview: true,
      reviewReason: 'DUPLICATE_SERIAL',
    });
    const two = await device({ serialNumber: 'REF-2' });
    const elsewhere = await device({ serialNumber: 'REF-3' }, a, other);
    const theirs = await device({ serialNumber: 'REF-4' }, b);
    await record(two, '2026-06-01T00:00:00Z', { total: 10 });
    const code = (keepId: string, mergeId: string, token = a.adminToken) =>
      t.client.errorCode(MERGE, { input: { keepId, mergeId } }, token);

    expect(await code(one.id, one.id)).toBe('BAD_USER_INPUT');
    expect(await code(one.id, elsewhere.id)).toBe('BAD_USER_INPUT');
    expect(await code(one.id, theirs.id)).toBe('NOT_FOUND');
    expect(await code(theirs.id, one.id)).toBe('NOT_FOUND');
    expect(await code(one.id, two.id, b.adminToken)).toBe('NOT_FOUND');
    expect(await code(one.id, two.id, customerToken)).toBe('FORBIDDEN');
    expect(await t.client.errorCode(DISMISS, { id: one.id }, customerToken)).toBe('FORBIDDEN');
    expect(await t.client.errorCode(DISMISS, { id: one.id }, b.adminToken)).toBe('NOT_FOUND');

    const rows = await t.prisma.device.findMany({
      where: { id: { in: [one.id, two.id, elsewhere.id, theirs.id] } },
    });
    expect(rows.map((row) => row.mergedIntoId)).toEqual([null, null, null, null]);
    expect(rows.find((row) => row.id === one.id)!.needsReview).toBe(true);
    expect(await t.prisma.meterRead.count({ where: { deviceId: two.id } })).toBe(1);
  }, 60_000);

  it('dismisses a review flag: the device stays as it is, the decision is audited', async () => {
    const flagged = await device({
      serialNumber: 'DUP-1',
      needsReview: true,
      reviewReason: 'DUPLICATE_SERIAL',
    });
    const before = await t.client.ok<any>(
      `query($id: ID!) { device(id: $id) { needsReview reviewReason mergedIntoId } }`,
      { id: flagged.id },
      a.adminToken,
    );
    expect(before.device).toEqual({
      needsReview: true,
      reviewReason: 'DUPLICATE_SERIAL',
      mergedIntoId: null,
    });

    const data = await t.client.ok<any>(DISMISS, { id: flagged.id }, technicianToken);
    expect(data.dismissDeviceReview).toEqual({
      id: flagged.id,
      needsReview: false,
      reviewReason: null,
    });
    const events = await t.prisma.auditEvent.findMany({
      where: { tenantId: a.tenant.id, action: 'device.review.dismiss', targetId: flagged.id },
    });
    expect(events.map((event) => event.details)).toEqual([
      { reviewReason: 'DUPLICATE_SERIAL', serialNumber: 'DUP-1' },
    ]);
    // Again: nothing to dismiss, nothing audited twice.
    await t.client.ok<any>(DISMISS, { id: flagged.id }, a.adminToken);
    expect(
      await t.prisma.auditEvent.count({
        where: { tenantId: a.tenant.id, action: 'device.review.dismiss', targetId: flagged.id },
      }),
    ).toBe(1);
  }, 60_000);
});
