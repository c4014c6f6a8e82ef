import type { Device } from '@prisma/client';
import { JobsModule } from '../../platform/jobs/jobs.module.js';
import { MetersModule } from '../meters/meters.module.js';
import { MetersService } from '../meters/meters.service.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { UsageModule } from './usage.module.js';
import {
  createApiKeyFor,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from './test-support/domain-test-app.js';

const USAGE = /* GraphQL */ `
  query (
    $filter: UsageFilter
    $from: DateTime!
    $to: DateTime!
    $counters: [String!]
    $first: Int
    $after: String
  ) {
    usage(
      filter: $filter
      from: $from
      to: $to
      counters: $counters
      first: $first
      after: $after
    ) {
      edges {
        cursor
        node {
          deviceId
          serialNumber
          customerName
          counters {
            counter
            delta
            flags
            start {
              value
              readAt
            }
            end {
              value
              readAt
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const at = (iso: string) => new Date(iso);

type Point = { value: number; readAt: string };
type CounterNode = {
  counter: string;
  delta: number | null;
  flags: string[];
  start: Point | null;
  end: Point | null;
};
type UsageNode = {
  deviceId: string;
  serialNumber: string | null;
  customerName: string;
  counters: CounterNode[];
};
type UsageResult = {
  edges: { cursor: string; node: UsageNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

describe('billing usage (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  let meters: MetersService;
  let swapped: Device;
  let glitchy: Device;
  let silent: Device;
  let keyA: string;
  let keyB: string;

  const device = (dealer: TestDealer, serial: string) =>
    t.prisma.device.create({
      data: {
        tenantId: dealer.tenant.id,
        customerId: dealer.customer.id,
        siteId: dealer.site.id,
        serialNumber: serial,
        manufacturer: 'Kyocera',
        model: 'TASKalfa 2554ci',
        firstSeenAt: at('2025-12-01T00:00:00Z'),
      },
    });
  const record = (d: Device, iso: string, counters: Record<string, number>) =>
    t.asTenant(d.tenantId, (tx) =>
      meters.recordReadings(tx, [{ device: d, readings: [{ readAt: at(iso), counters }] }]),
    );
  const usageOf = async (token: string, variables: Record<string, unknown>) => {
    const data = await t.client.ok<{ usage: UsageResult }>(USAGE, variables, token);
    return data.usage;
  };

  beforeAll(async () => {
    t = await startDomainTestApp([JobsModule, WebhooksModule, MetersModule, UsageModule]);
    meters = t.app.get(MetersService);
    a = await t.dealer();
    b = await t.dealer();
    keyA = await createApiKeyFor(t.client, a.adminToken, ['METERS_READ']);
    keyB = await createApiKeyFor(t.client, b.adminToken, ['METERS_READ']);
    swapped = await device(a, 'SWAP-1');
    glitchy = await device(a, 'GLITCH-1');
    silent = await device(a, 'SILENT-1');
  }, 120_000);
  afterAll(() => t?.close());

  it('stores changed readings only; an identical one advances lastSeenAt', async () => {
    expect(
      (await record(swapped, '2026-01-01T00:00:00Z', { total: 1000, mono: 800, color: 200 }))
        .stored,
    ).toBe(1);
    const again = await record(swapped, '2026-01-01T01:00:00Z', {
      color: 200,
      mono: 800,
      total: 1000,
    });
    expect(again.stored).toBe(0);
    const rows = await t.prisma.meterRead.findMany({ where: { deviceId: swapped.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.lastSeenAt.toISOString()).toBe('2026-01-01T01:00:00.000Z');
  }, 60_000);

  it('usage across a counter rollback: withheld while open, correct once accepted as a reset', async () => {
    await record(swapped, '2026-01-10T00:00:00Z', { total: 1500, mono: 1200, color: 300 });
    const drop = await record(swapped, '2026-01-15T00:00:00Z', { total: 20, mono: 15, color: 5 });
    expect(
      drop.discontinuities.map((d) => [d.counter, d.beforeValue, d.afterValue, d.status]),
    ).toEqual([
      ['color', 300, 5, 'OPEN'],
      ['mono', 1200, 15, 'OPEN'],
      ['total', 1500, 20, 'OPEN'],
    ]);
    await record(swapped, '2026-02-01T00:00:00Z', { total: 220, mono: 160, color: 60 });

    const variables = {
      filter: { deviceIds: [swapped.id] },
      from: '2026-01-01T12:00:00Z',
      to: '2026-02-01T00:00:00Z',
      counters: ['total'],
    };
    const before = await usageOf(keyA, variables);
    expect(before.edges[0]!.node.counters).toEqual([
      {
        counter: 'total',
        delta: null,
        flags: ['ROLLBACK_OPEN'],
        start: { value: 1000, readAt: '2026-01-01T00:00:00.000Z' },
        end: { value: 220, readAt: '2026-02-01T00:00:00.000Z' },
      },
    ]);

    // Open ones first in the review list.
    const list = await t.client.ok<{
      meterDiscontinuities: { edges: { node: { id: string; counter: string; status: string } }[] };
    }>(
      `{ meterDiscontinuities(first: 10) { edges { node { id counter status } } } }`,
      {},
      a.adminToken,
    );
    const total = list.meterDiscontinuities.edges
      .map((e) => e.node)
      .find((n) => n.counter === 'total')!;
    expect(total.status).toBe('OPEN');

    const reviewed = await t.client.ok<{
      reviewMeterDiscontinuity: { status: string; offset: number };
    }>(
      `mutation($id: ID!, $input: ReviewMeterDiscontinuityInput!) { reviewMeterDiscontinuity(id: $id, input: $input) { status offset } }`,
      { id: total.id, input: { action: 'ACCEPT_RESET', offset: 35, note: 'main board replaced' } },
      a.adminToken,
    );
    expect(reviewed.reviewMeterDiscontinuity).toEqual({ status: 'ACCEPTED_RESET', offset: 35 });

    const after = await usageOf(keyA, variables);
    // 1000 → 1500 on the old board, 35 across the swap, 20 → 220 on the new one.
    expect(after.edges[0]!.node.counters[0]).toMatchObject({
      counter: 'total',
      delta: 500 + 35 + 200,
      flags: ['ROLLBACK_REVIEWED'],
    });

    // A period entirely after the swap needs no review.
    const later = await usageOf(keyA, { ...variables, from: '2026-01-20T00:00:00Z' });
    expect(later.edges[0]!.node.counters[0]).toMatchObject({ delta: 200, flags: [] });

    // Reviewing twice is a conflict; an API key may not review.
    const again = await t.client.request(
      `mutation($id: ID!) { reviewMeterDiscontinuity(id: $id, input: { action: REJECT_READING }) { status } }`,
      { id: total.id },
      a.adminToken,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const byKey = await t.client.request(
      `mutation($id: ID!) { reviewMeterDiscontinuity(id: $id, input: { action: REJECT_READING }) { status } }`,
      { id: total.id },
      keyA,
    );
    expect(byKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('a rejected bad read is ignored, and the usage is whole again', async () => {
    await record(glitchy, '2026-01-01T00:00:00Z', { total: 5000 });
    const glitch = await record(glitchy, '2026-01-20T00:00:00Z', { total: 3 });
    expect(glitch.discontinuities).toHaveLength(1);
    // The next good reading is compared with the glitch (it goes up): no new discontinuity.
    expect(
      (await record(glitchy, '2026-01-25T00:00:00Z', { total: 5090 })).discontinuities,
    ).toEqual([]);

    const variables = {
      filter: { deviceIds: [glitchy.id] },
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-21T00:00:00Z',
      counters: ['total'],
    };
    expect((await usageOf(keyA, variables)).edges[0]!.node.counters[0]).toMatchObject({
      delta: null,
      flags: ['ROLLBACK_OPEN'],
    });

    await t.client.ok(
      `mutation($id: ID!) { reviewMeterDiscontinuity(id: $id, input: { action: REJECT_READING }) { status } }`,
      { id: glitch.discontinuities[0]!.id },
      a.adminToken,
    );

    // The glitch is no longer the end reading: the good one before it is.
    const afterReject = (await usageOf(keyA, variables)).edges[0]!.node.counters[0];
    expect(afterReject).toMatchObject({
      delta: 0,
      end: { value: 5000, readAt: '2026-01-01T00:00:00.000Z' },
    });
    const wider = (await usageOf(keyA, { ...variables, to: '2026-02-01T00:00:00Z' })).edges[0]!.node
      .counters[0];
    expect(wider).toMatchObject({ delta: 90, flags: ['READING_REJECTED'] });

    // New readings compare with the good value, not the glitch: a real drop opens again.
    const drop = await record(glitchy, '2026-01-28T00:00:00Z', { total: 4000 });
    expect(drop.discontinuities.map((d) => [d.beforeValue, d.afterValue])).toEqual([[5090, 4000]]);
  }, 60_000);

  it('flags a device with no reading before the period and pages with Relay cursors', async () => {
    await record(silent, '2025-12-05T00:00:00Z', { total: 10 });
    const page1 = await usageOf(keyA, {
      filter: { customerId: a.customer.id },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      first: 2,
    });
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await usageOf(keyA, {
      filter: { customerId: a.customer.id },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      first: 2,
      after: page1.pageInfo.endCursor,
    });
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const ids = [...page1.edges, ...page2.edges].map((e) => e.node.deviceId).sort();
    expect(ids).toEqual([swapped.id, glitchy.id, silent.id].sort());
    // Default counters: only those the device has.
    const silentUsage = [...page1.edges, ...page2.edges].find(
      (e) => e.node.deviceId === silent.id,
    )!.node;
    expect(silentUsage.counters).toEqual([
      {
        counter: 'total',
        delta: 0,
        flags: [],
        start: { value: 10, readAt: '2025-12-05T00:00:00.000Z' },
        end: { value: 10, readAt: '2025-12-05T00:00:00.000Z' },
      },
    ]);
  }, 60_000);

  it('a counter missing from the newest reading is taken from the last reading that has it', async () => {
    const partial = await device(a, 'PARTIAL-1');
    await record(partial, '2026-01-01T00:00:00Z', { total: 100, color: 10 });
    await record(partial, '2026-01-20T00:00:00Z', { total: 200 });
    const usage = await usageOf(keyA, {
      filter: { deviceIds: [partial.id] },
      from: '2026-01-25T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      counters: ['color', 'total', 'fax'],
    });
    expect(usage.edges[0]!.node.counters).toEqual([
      {
        counter: 'color',
        delta: 0,
        flags: [],
        start: { value: 10, readAt: '2026-01-01T00:00:00.000Z' },
        end: { value: 10, readAt: '2026-01-01T00:00:00.000Z' },
      },
      {
        counter: 'fax',
        delta: null,
        flags: ['MISSING_START', 'MISSING_END'],
        start: null,
        end: null,
      },
      {
        counter: 'total',
        delta: 0,
        flags: [],
        start: { value: 200, readAt: '2026-01-20T00:00:00.000Z' },
        end: { value: 200, readAt: '2026-01-20T00:00:00.000Z' },
      },
    ]);
    // Merged away: later reports of this suite count only the three devices above.
    await t.prisma.device.updateMany({
      where: { id: partial.id },
      data: { mergedIntoId: silent.id },
    });
  }, 60_000);

  it('a period before the first reading lists each device’s own counters, flagged', async () => {
    const mono = await device(a, 'EARLY-MONO');
    const colour = await device(a, 'EARLY-COLOUR');
    const never = await device(a, 'EARLY-NEVER');
    await record(mono, '2026-03-01T00:00:00Z', { total: 500, mono: 500 });
    await record(colour, '2026-03-01T00:00:00Z', { total: 900, mono: 600, color: 300 });
    const usage = await usageOf(keyA, {
      filter: { deviceIds: [mono.id, colour.id, never.id] },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    const flagged = (counter: string) => ({
      counter,
      delta: null,
      flags: ['MISSING_START', 'MISSING_END'],
      start: null,
      end: null,
    });
    const byId = new Map(usage.edges.map((e) => [e.node.deviceId, e.node.counters]));
    expect(byId.get(mono.id)).toEqual([flagged('mono'), flagged('total')]);
    expect(byId.get(colour.id)).toEqual([flagged('color'), flagged('mono'), flagged('total')]);
    // Never read: still listed, under its total rather than a colour counter it may not have.
    expect(byId.get(never.id)).toEqual([flagged('total')]);
    await t.prisma.device.updateMany({
      where: { id: { in: [mono.id, colour.id, never.id] } },
      data: { mergedIntoId: silent.id },
    });
  }, 60_000);

  it('missing-meter report lists devices without a reading in the N days before the billing date', async () => {
    const data = await t.client.ok<{
      missingMeterReads: { edges: { node: { deviceId: string; lastReadAt: string } }[] };
    }>(
      `query($d: DateTime!) { missingMeterReads(billingDate: $d, days: 7) { edges { node { deviceId lastReadAt } } } }`,
      { d: '2026-02-01T12:00:00Z' },
      keyA,
    );
    expect(data.missingMeterReads.edges.map((e) => e.node)).toEqual([
      { deviceId: silent.id, lastReadAt: '2025-12-05T00:00:00.000Z' },
    ]);
  }, 60_000);

  it('another tenant’s API key sees nothing of tenant A', async () => {
    const byCustomer = await usageOf(keyB, {
      filter: { customerId: a.customer.id },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(byCustomer.edges).toEqual([]);
    const byIds = await usageOf(keyB, {
      filter: { deviceIds: [swapped.id, glitchy.id] },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(byIds.edges).toEqual([]);
    const all = await usageOf(keyB, {
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      first: 1000,
    });
    expect(all.edges.map((e) => e.node.deviceId)).not.toContain(swapped.id);
    const drops = await t.client.ok<{ meterDiscontinuities: { edges: unknown[] } }>(
      `{ meterDiscontinuities(first: 100) { edges { node { id } } } }`,
      {},
      keyB,
    );
    expect(drops.meterDiscontinuities.edges).toEqual([]);
    const missing = await t.client.ok<{ missingMeterReads: { edges: unknown[] } }>(
      `{ missingMeterReads(billingDate: "2026-02-01T00:00:00Z") { edges { node { deviceId } } } }`,
      {},
      keyB,
    );
    expect(missing.missingMeterReads.edges).toEqual([]);
    const discontinuity = await t.prisma.meterDiscontinuity.findFirstOrThrow({
      where: { deviceId: glitchy.id, status: 'OPEN' },
    });
    const review = await t.client.request(
      `mutation($id: ID!) { reviewMeterDiscontinuity(id: $id, input: { action: REJECT_READING }) { status } }`,
      { id: discontinuity.id },
      b.adminToken,
    );
    expect(review.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 60_000);

  it('a key without meters:read may not read usage', async () => {
    const key = await createApiKeyFor(t.client, a.adminToken, ['SUPPLIES_READ']);
    const result = await t.client.request(
      USAGE,
      { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      key,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('exports a CSV per customer by API key and through a signed link, never across tenants', async () => {
    const query = `customerId=${a.customer.id}&from=2026-01-01T12:00:00Z&to=2026-02-01T00:00:00Z&counters=total`;
    const response = await fetch(`${t.baseUrl}/api/v1/meters/export.csv?${query}`, {
      headers: { authorization: `Bearer ${keyA}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'row_type,customer_id,customer_name,contract_reference,equipment_id,device_id,serial_number,manufacturer,model,site,meter,start_read_at,start_value,end_read_at,end_value,delta,flags,device_count,incomplete_devices',
    );
    expect(lines).toHaveLength(5);
    expect(lines).toContain(
      `DEVICE,${a.customer.id},${a.customer.name},,,${swapped.id},SWAP-1,Kyocera,TASKalfa 2554ci,${a.site.name},total,2026-01-01T00:00:00.000Z,1000,2026-02-01T00:00:00.000Z,220,735,ROLLBACK_REVIEWED,,`,
    );
    expect(lines.at(-1)).toMatch(new RegExp(`^CUSTOMER_TOTAL,${a.customer.id},`));

    const other = await fetch(`${t.baseUrl}/api/v1/meters/export.csv?${query}`, {
      headers: { authorization: `Bearer ${keyB}` },
    });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(a.customer.name);
    const otherLink = await t.client.request(
      `mutation($input: MeterExportInput!) { createMeterExport(input: $input) { url } }`,
      {
        input: {
          customerId: a.customer.id,
          from: '2026-01-01T00:00:00Z',
          to: '2026-02-01T00:00:00Z',
        },
      },
      keyB,
    );
    expect(otherLink.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(otherLink.data).toBeNull();
    expect((await fetch(`${t.baseUrl}/api/v1/meters/export.csv?${query}`)).status).toBe(401);

    const link = await t.client.ok<{ createMeterExport: { url: string; expiresAt: string } }>(
      `mutation($input: MeterExportInput!) { createMeterExport(input: $input) { url expiresAt } }`,
      {
        input: {
          customerId: a.customer.id,
          from: '2026-01-01T12:00:00Z',
          to: '2026-02-01T00:00:00Z',
          counters: ['total'],
        },
      },
      keyA,
    );
    expect(link.createMeterExport.url.startsWith(`${t.baseUrl}/api/v1/meters/exports/`)).toBe(true);
    const viaLink = await fetch(link.createMeterExport.url);
    expect(viaLink.status).toBe(200);
    expect((await viaLink.text()).trim().split('\r\n')).toEqual(lines);
    // Change the MAC's first character (every bit of it counts).
    const forged = await fetch(
      link.createMeterExport.url.replace(
        /\.(.)([^.]*)$/,
        (_, c: string, rest: string) => `.${c === 'A' ? 'B' : 'A'}${rest}`,
      ),
    );
    expect(forged.status).toBe(401);
  }, 60_000);

  it('gives the same rows and customer totals in GraphQL as in the CSV download', async () => {
    const period = { from: '2026-01-01T12:00:00Z', to: '2026-02-01T00:00:00Z' };
    const csv = await fetch(
      `${t.baseUrl}/api/v1/meters/export.csv?from=${period.from}&to=${period.to}&bom=true`,
      { headers: { authorization: `Bearer ${keyA}` } },
    );
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...body] = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(header!.startsWith('row_type,customer_id,')).toBe(true);
    const deviceLines = body.filter((line) => line.startsWith('DEVICE,'));
    const totalLines = body.filter((line) => line.startsWith('CUSTOMER_TOTAL,'));
    expect(deviceLines.length + totalLines.length).toBe(body.length);
    // Each device's own billed meters: SWAP-1 total/mono/color, GLITCH-1 and SILENT-1 total.
    expect(deviceLines).toHaveLength(5);

    type Row = {
      customerId: string;
      customerName: string;
      contractReference: string | null;
      equipmentId: string | null;
      deviceId: string;
      serialNumber: string | null;
      manufacturer: string | null;
      model: string | null;
      siteName: string | null;
      meter: string;
      start: Point | null;
      end: Point | null;
      delta: number | null;
      flags: string[];
    };
    type Totals = {
      customerId: string;
      customerName: string;
      counters: { counter: string; pages: number; devices: number; incompleteDevices: number }[];
    };
    const rows: Row[] = [];
    let totals: Totals[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const data: {
        billingExport: {
          rows: Row[];
          hasNextPage: boolean;
          endCursor: string | null;
          customerTotals: Totals[];
        };
      } = await t.client.ok(
        `query($from: DateTime!, $to: DateTime!, $after: String) {
          billingExport(from: $from, to: $to, first: 2, after: $after) {
            rows { customerId customerName contractReference equipmentId deviceId serialNumber
                   manufacturer model siteName meter delta flags
                   start { value readAt } end { value readAt } }
            hasNextPage endCursor
            customerTotals { customerId customerName counters { counter pages devices incompleteDevices } }
          }
        }`,
        { ...period, after },
        keyA,
      );
      rows.push(...data.billingExport.rows);
      totals = data.billingExport.customerTotals;
      if (!data.billingExport.hasNextPage) break;
      after = data.billingExport.endCursor;
    }

    const text = (value: string | number | null) => (value === null ? '' : String(value));
    expect(
      rows.map((row) =>
        [
          'DEVICE',
          row.customerId,
          row.customerName,
          text(row.contractReference),
          text(row.equipmentId),
          row.deviceId,
          text(row.serialNumber),
          text(row.manufacturer),
          text(row.model),
          text(row.siteName),
          row.meter,
          text(row.start?.readAt ?? null),
          text(row.start?.value ?? null),
          text(row.end?.readAt ?? null),
          text(row.end?.value ?? null),
          text(row.delta),
          row.flags.join(' '),
          '',
          '',
        ].join(','),
      ),
    ).toEqual(deviceLines);
    expect(
      totals.flatMap((customer) =>
        customer.counters.map((counter) =>
          [
            'CUSTOMER_TOTAL',
            customer.customerId,
            customer.customerName,
            ...Array<string>(7).fill(''),
            counter.counter,
            ...Array<string>(4).fill(''),
            counter.pages,
            counter.incompleteDevices > 0 ? 'INCOMPLETE' : '',
            counter.devices,
            counter.incompleteDevices,
          ].join(','),
        ),
      ),
    ).toEqual(totalLines);
    expect(totalLines.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a bad bom option by name', async () => {
    const response = await fetch(
      `${t.baseUrl}/api/v1/meters/export.csv?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&bom=maybe`,
      { headers: { authorization: `Bearer ${keyA}` } },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('bom');
  }, 60_000);
});
