import type { Device } from '@prisma/client';
import {
  billingCsvRow,
  createApiKeyFor,
  DOMAIN_TEST_PASSWORD,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';
import { MetersService } from './meters.service.js';

const ESTIMATE = `mutation($input: RecordEstimatedMeterReadInput!) {
  recordEstimatedMeterRead(input: $input) {
    id deviceId readAt counter reason originalValue estimateReason status
  }
}`;
const REVIEW = `mutation($id: ID!, $input: ReviewMeterReadInput!) {
  reviewMeterRead(id: $id, input: $input) { id status }
}`;
const RECONCILIATION = `query {
  reconciliation {
    silentUnderContract { serialNumber }
    awaitingReview { serialNumber detail }
  }
}`;
const DAY = 86_400_000;

type Estimated = {
  id: string;
  deviceId: string;
  readAt: string;
  counter: string;
  reason: string;
  originalValue: number;
  estimateReason: string | null;
  status: string;
};

/**
 * A dealer enters an estimated read for a contracted device that went silent: it waits for
 * review as ESTIMATED, billing skips it until approved, then bills it flagged READ_ESTIMATED.
 * Real PostgreSQL with row-level security, GraphQL and the CSV over HTTP.
 */
describe('estimated meter reads (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let key: string;
  let contractId: string;
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY);

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    t.client.ok<T>(query, variables, a.adminToken);
  const device = (serial: string) =>
    t.prisma.device.create({
      data: {
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        siteId: a.site.id,
        serialNumber: serial,
        manufacturer: 'Kyocera',
        model: 'ECOSYS M3655idn',
        firstSeenAt: ago(60),
      },
    });
  const read = (d: Device, at: Date, counters: Record<string, number>) =>
    t.asTenant(a.tenant.id, (tx) =>
      t.app
        .get(MetersService)
        .recordReadings(tx, [{ device: d, readings: [{ readAt: at, counters }] }]),
    );
  /** Read 40 and 20 days ago, then silent; under a contract. */
  const silent = async (serial: string) => {
    const d = await device(serial);
    await read(d, ago(40), { total: 1000, mono: 800 });
    await read(d, ago(20), { total: 1400, mono: 1100 });
    await gql(
      `mutation($input: AttachDevicesToContractInput!) { attachDevicesToContract(input: $input) { id } }`,
      { input: { contractId, deviceIds: [d.id] } },
    );
    return d;
  };
  const estimate = (input: Record<string, unknown>, token = a.adminToken) =>
    t.client.request<{ recordEstimatedMeterRead: Estimated[] }>(ESTIMATE, { input }, token);
  const refusal = async (input: Record<string, unknown>) => {
    const result = await estimate(input);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    return result.errors?.[0]?.message;
  };
  /** The CSV's DEVICE row of a device for the last 30 days: [start_value, end_value, delta, flags]. */
  const exported = (d: Device) =>
    billingCsvRow(
      t,
      key,
      `customerId=${a.customer.id}&from=${ago(30).toISOString()}&to=${new Date(now).toISOString()}&counters=total`,
      d,
    );

  beforeAll(async () => {
    t = await startDomainTestApp([]);
    a = await t.dealer();
    key = await createApiKeyFor(t.client, a.adminToken, ['METERS_READ']);
    const contract = await gql<{ createContract: { id: string } }>(
      `mutation($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: { customerId: a.customer.id, reference: 'K-EST', startDate: ago(90).toISOString() },
      },
    );
    contractId = contract.createContract.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('an estimate for a silent device waits for review, then bills flagged READ_ESTIMATED', async () => {
    const d = await silent('EST-SILENT');
    const before = await gql<{
      reconciliation: { silentUnderContract: { serialNumber: string }[] };
    }>(RECONCILIATION);
    expect(before.reconciliation.silentUnderContract.map((e) => e.serialNumber)).toContain(
      'EST-SILENT',
    );

    const result = await estimate({
      deviceId: d.id,
      readAt: ago(1).toISOString(),
      counters: [{ name: 'total', value: 1900 }],
      reason: '  Customer read the panel  ',
    });
    expect(result.errors).toBeUndefined();
    const [review, ...others] = result.data!.recordEstimatedMeterRead;
    expect(others).toEqual([]);
    expect(review).toMatchObject({
      deviceId: d.id,
      readAt: ago(1).toISOString(),
      counter: 'total',
      reason: 'ESTIMATED',
      originalValue: 1900,
      estimateReason: 'Customer read the panel',
      status: 'PENDING',
    });
    const stored = await t.prisma.meterRead.findFirstOrThrow({
      where: { deviceId: d.id, readAt: ago(1) },
    });
    expect([stored.counters, stored.sources]).toEqual([{ total: 1900 }, { total: 'estimated' }]);

    // Waiting: in the reconciliation's review section, said to be an estimate; still silent.
    const after = await gql<{
      reconciliation: {
        silentUnderContract: { serialNumber: string }[];
        awaitingReview: { serialNumber: string; detail: string }[];
      };
    }>(RECONCILIATION);
    expect(after.reconciliation.awaitingReview).toContainEqual({
      serialNumber: 'EST-SILENT',
      detail: 'total estimated at 1900 by a person: Customer read the panel',
    });
    expect(after.reconciliation.silentUnderContract.map((e) => e.serialNumber)).toContain(
      'EST-SILENT',
    );
    // Billing uses the read before until a reviewer decides.
    expect(await exported(d)).toEqual(['1000', '1400', '400', 'READ_AWAITING_REVIEW']);

    await gql(REVIEW, { id: review!.id, input: { decision: 'APPROVE' } });
    expect(await exported(d)).toEqual(['1000', '1900', '900', 'READ_APPROVED READ_ESTIMATED']);

    // The audit names the person who entered it.
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { tenantId: a.tenant.id, action: 'meter_read.estimate', targetId: stored.id },
    });
    expect([event.actorKind, event.actorId, event.details]).toEqual([
      'USER',
      a.users!.dealerAdmin.id,
      {
        deviceId: d.id,
        readAt: ago(1).toISOString(),
        counters: { total: 1900 },
        reason: 'Customer read the panel',
      },
    ]);
    // No reading of the device: its last read stays what the device reported (none by ingest here).
    const row = await t.prisma.device.findFirstOrThrow({ where: { id: d.id } });
    expect(row.lastMeterReadAt).toBeNull();
  }, 60_000);

  it('a corrected estimate bills the corrected value, flagged estimated', async () => {
    const d = await silent('EST-CORRECT');
    const result = await estimate({
      deviceId: d.id,
      readAt: ago(2).toISOString(),
      counters: [
        { name: 'total', value: 2000 },
        { name: 'mono', value: 1500 },
      ],
      reason: 'Our estimate from the last three months',
    });
    const reviews = result.data!.recordEstimatedMeterRead;
    expect(reviews.map((r) => [r.counter, r.reason, r.status])).toEqual([
      ['mono', 'ESTIMATED', 'PENDING'],
      ['total', 'ESTIMATED', 'PENDING'],
    ]);
    const total = reviews.find((r) => r.counter === 'total')!;
    await gql(REVIEW, {
      id: total.id,
      input: { decision: 'CORRECT', correctedValue: 1800, reason: 'customer sent a photo' },
    });
    expect(await exported(d)).toEqual(['1000', '1800', '800', 'READ_CORRECTED READ_ESTIMATED']);
  }, 60_000);

  it('refuses what does not fit, each with a sentence naming the rule', async () => {
    const d = await silent('EST-REFUSE');
    const base = {
      deviceId: d.id,
      readAt: ago(10).toISOString(),
      counters: [{ name: 'total', value: 1500 }],
      reason: 'panel',
    };
    const unknown = await estimate({ ...base, deviceId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const future = new Date(now + DAY).toISOString();
    expect(await refusal({ ...base, readAt: future })).toBe(
      `The read time ${future} is in the future; an estimate is for a time that has passed.`,
    );
    expect(await refusal({ ...base, counters: [{ name: 'color', value: 5 }] })).toBe(
      'The device never reported a counter named color; its counters are mono, total.',
    );
    for (const value of [-1, 1500.5])
      expect(await refusal({ ...base, counters: [{ name: 'total', value }] })).toBe(
        'The estimated total must be a whole number from 0 to 9,007,199,254,740,991.',
      );
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `c${i}`, value: i }));
    expect(await refusal({ ...base, counters: many })).toBe(
      'The estimate has 51 counters; at most 50 are allowed.',
    );
    expect(await refusal({ ...base, reason: ' ' })).toBe(
      'A reason is required to enter an estimated read.',
    );
    expect(await refusal({ ...base, reason: 'x'.repeat(1001) })).toBe(
      'The reason is 1001 characters long; at most 1000 are allowed.',
    );
    expect(await refusal({ ...base, counters: [{ name: 'total', value: 1399 }] })).toBe(
      `The estimated total must be at least 1,400, the counter at ${ago(20).toISOString()}.`,
    );
    expect(await refusal({ ...base, readAt: ago(20).toISOString() })).toBe(
      `The device already has a read at ${ago(20).toISOString()}; an estimate needs a time of its own.`,
    );
    expect(
      await refusal({
        ...base,
        counters: [
          { name: 'total', value: 1400 },
          { name: 'mono', value: 1100 },
        ],
      }),
    ).toBe(
      `The estimate repeats the read at ${ago(20).toISOString()} (same counters and values); billing uses that read already.`,
    );
    await t.prisma.device.updateMany({ where: { id: d.id }, data: { retiredAt: ago(5) } });
    expect(await refusal(base)).toBe(
      `This device was retired on ${ago(5).toISOString()}; a retired device bills no further reads.`,
    );

    // A customer's admin may not enter one.
    const signIn = await t.client.ok<{ signIn: { accessToken: string } }>(
      `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`,
      { email: a.users!.customerAdmin.email, password: DOMAIN_TEST_PASSWORD },
    );
    const customer = await estimate(base, signIn.signIn.accessToken);
    expect(customer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Nothing was stored or flagged.
    expect(await t.prisma.meterRead.count({ where: { deviceId: d.id } })).toBe(2);
    expect(await t.prisma.meterReadReview.count({ where: { deviceId: d.id } })).toBe(0);
  }, 60_000);
});
