import type { Device } from '@prisma/client';
import { JobsModule } from '../../platform/jobs/jobs.module.js';
import { BillingExportsModule } from '../billing-exports/billing-exports.module.js';
import { BillingExportsService } from '../billing-exports/billing-exports.service.js';
import {
  billingCsvRow,
  createApiKeyFor,
  inTenant,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';
import { UsageModule } from '../usage/usage.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { MeterReadReviewService } from './meter-read-review.service.js';
import { MetersModule } from './meters.module.js';
import { MetersService } from './meters.service.js';

const REVIEW = `mutation($id: ID!, $input: ReviewMeterReadInput!) {
  reviewMeterRead(id: $id, input: $input) { id status correctedValue decisionReason originalValue }
}`;
const AWAITING = `query($customerId: ID) {
  meterReadsAwaitingReview(customerId: $customerId, first: 100) {
    edges { node { id deviceId readAt counter reason originalValue alternativeSource alternativeValue previousValue } }
  }
}`;
const LIFE = 'vendor:printerMib.lifeCount';
const at = (iso: string) => new Date(iso);
const PERIOD = 'from=2026-01-01T12:00:00Z&to=2026-01-20T00:00:00Z&counters=total';

type AwaitingNode = {
  id: string;
  deviceId: string;
  readAt: string;
  counter: string;
  reason: string;
  originalValue: number;
  alternativeSource: string | null;
  alternativeValue: number | null;
  previousValue: number | null;
};

describe('meter read review before billing (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let key: string;
  let meters: MetersService;

  const device = (serial: string) =>
    t.prisma.device.create({
      data: {
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        siteId: a.site.id,
        serialNumber: serial,
        manufacturer: 'Kyocera',
        model: 'TASKalfa 6052ci',
        firstSeenAt: at('2025-12-01T00:00:00Z'),
      },
    });
  const record = (d: Device, iso: string, counters: Record<string, number>) =>
    t.asTenant(d.tenantId, (tx) =>
      meters.recordReadings(tx, [{ device: d, readings: [{ readAt: at(iso), counters }] }], {
        counterSourceTolerancePercent: 1,
      }),
    );
  /** Sources agree on Jan 1, disagree from Jan 15 on (flagged once, when it starts). */
  const disagreeing = async (serial: string) => {
    const d = await device(serial);
    await record(d, '2026-01-01T00:00:00Z', { total: 1000, [LIFE]: 1000 });
    await record(d, '2026-01-15T00:00:00Z', { total: 1500, [LIFE]: 1400 });
    await record(d, '2026-01-31T00:00:00Z', { total: 2000, [LIFE]: 1900 });
    return d;
  };
  const awaiting = async () =>
    (
      await t.client.ok<{ meterReadsAwaitingReview: { edges: { node: AwaitingNode }[] } }>(
        AWAITING,
        { customerId: a.customer.id },
        a.adminToken,
      )
    ).meterReadsAwaitingReview.edges.map((edge) => edge.node);
  const reviewOf = async (d: Device) => {
    const node = (await awaiting()).find((n) => n.deviceId === d.id);
    if (!node) throw new Error(`no read of ${d.serialNumber} awaits review`);
    return node;
  };
  const review = (id: string, input: Record<string, unknown>) =>
    t.client.ok<{ reviewMeterRead: Record<string, unknown> }>(REVIEW, { id, input }, a.adminToken);
  /** The CSV's DEVICE row of a device: [start_value, end_value, delta, flags]. */
  const exported = (d: Device) => billingCsvRow(t, key, `customerId=${a.customer.id}&${PERIOD}`, d);

  beforeAll(async () => {
    t = await startDomainTestApp([
      JobsModule,
      WebhooksModule,
      MetersModule,
      UsageModule,
      BillingExportsModule,
    ]);
    meters = t.app.get(MetersService);
    a = await t.dealer();
    key = await createApiKeyFor(t.client, a.adminToken, ['METERS_READ']);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('flags a read whose sources start to disagree, once, and bills around it until reviewed', async () => {
    const d = await disagreeing('SRC-PENDING');
    const flagged = (await awaiting()).filter((n) => n.deviceId === d.id);
    expect(flagged).toEqual([
      expect.objectContaining({
        readAt: '2026-01-15T00:00:00.000Z',
        counter: 'total',
        reason: 'SOURCE_DISAGREEMENT',
        originalValue: 1500,
        alternativeSource: 'printerMib.lifeCount',
        alternativeValue: 1400,
      }),
    ]);
    expect(await exported(d)).toEqual(['1000', '1000', '0', 'READ_AWAITING_REVIEW']);
    const count = await inTenant(a.tenant.id, () =>
      t.app.get(MeterReadReviewService).countAwaiting({ deviceIds: [d.id] }),
    );
    expect(count).toBe(1);
  }, 60_000);

  it('approve keeps the read, correct bills the corrected value, exclude skips the read', async () => {
    const approved = await disagreeing('SRC-APPROVE');
    const corrected = await disagreeing('SRC-CORRECT');
    const excluded = await disagreeing('SRC-EXCLUDE');

    await review((await reviewOf(approved)).id, { decision: 'APPROVE' });
    const correction = await review((await reviewOf(corrected)).id, {
      decision: 'CORRECT',
      correctedValue: 1400,
      reason: 'prtMarkerLifeCount is the contracted meter',
    });
    expect(correction.reviewMeterRead).toMatchObject({
      status: 'CORRECTED',
      correctedValue: 1400,
      originalValue: 1500,
    });
    await review((await reviewOf(excluded)).id, { decision: 'EXCLUDE', reason: 'bad read' });

    expect(await exported(approved)).toEqual(['1000', '1500', '500', 'READ_APPROVED']);
    expect(await exported(corrected)).toEqual(['1000', '1400', '400', 'READ_CORRECTED']);
    expect(await exported(excluded)).toEqual(['1000', '1000', '0', 'READ_EXCLUDED']);
    // The same rows through GraphQL and in a kept export file (one builder for every output).
    const graphql = await t.client.ok<{
      billingExport: {
        rows: { deviceId: string; end: { value: number }; delta: number; flags: string[] }[];
      };
    }>(
      `query($customerId: ID) { billingExport(customerId: $customerId, from: "2026-01-01T12:00:00Z", to: "2026-01-20T00:00:00Z", counters: ["total"], first: 1000) { rows { deviceId end { value } delta flags } } }`,
      { customerId: a.customer.id },
      key,
    );
    const rowOf = (d: Device) => graphql.billingExport.rows.find((row) => row.deviceId === d.id);
    expect([approved, corrected, excluded].map(rowOf)).toEqual([
      { deviceId: approved.id, end: { value: 1500 }, delta: 500, flags: ['READ_APPROVED'] },
      { deviceId: corrected.id, end: { value: 1400 }, delta: 400, flags: ['READ_CORRECTED'] },
      { deviceId: excluded.id, end: { value: 1000 }, delta: 0, flags: ['READ_EXCLUDED'] },
    ]);
    const exports = t.app.get(BillingExportsService);
    const file = await inTenant(a.tenant.id, () =>
      exports.runNow({ from: at('2026-01-01T12:00:00Z'), to: at('2026-01-20T00:00:00Z') }, false),
    );
    const kept = (await inTenant(a.tenant.id, () => exports.content(file.id))).content.toString();
    expect(kept).toMatch(
      new RegExp(`,${corrected.id},.*,total,.*,1000,.*,1400,400,READ_CORRECTED,`),
    );
    expect(kept).toMatch(new RegExp(`,${excluded.id},.*,total,.*,1000,.*,1000,0,READ_EXCLUDED,`));

    // The read itself is never changed.
    const read = await t.prisma.meterRead.findFirstOrThrow({
      where: { deviceId: corrected.id, readAt: at('2026-01-15T00:00:00Z') },
    });
    expect(read.counters).toMatchObject({ total: 1500 });
    // Nothing of these devices waits any more.
    const left = (await awaiting()).map((n) => n.deviceId);
    for (const d of [approved, corrected, excluded]) expect(left).not.toContain(d.id);
  }, 60_000);

  it('refuses a correction outside the counter range or without a reason, naming the limit', async () => {
    const d = await disagreeing('SRC-REFUSE');
    const { id } = await reviewOf(d);
    const refusal = async (input: Record<string, unknown>) => {
      const result = await t.client.request(REVIEW, { id, input }, a.adminToken);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return result.errors?.[0]?.message;
    };
    expect(await refusal({ decision: 'CORRECT', correctedValue: 999, reason: 'x' })).toBe(
      'The corrected value must be at least 1,000, the counter at 2026-01-01T00:00:00.000Z.',
    );
    expect(await refusal({ decision: 'CORRECT', correctedValue: 2001, reason: 'x' })).toBe(
      'The corrected value must be at most 2,000, the counter at 2026-01-31T00:00:00.000Z.',
    );
    expect(await refusal({ decision: 'CORRECT', correctedValue: 1200.5, reason: 'x' })).toMatch(
      /whole number from 0 to 9,007,199,254,740,991/,
    );
    expect(await refusal({ decision: 'EXCLUDE', reason: '  ' })).toBe(
      'A reason is required to exclude a read.',
    );
    expect(await refusal({ decision: 'CORRECT', correctedValue: 1200 })).toBe(
      'A reason is required to correct a read.',
    );
    expect((await reviewOf(d)).id).toBe(id);
    expect(await exported(d)).toEqual(['1000', '1000', '0', 'READ_AWAITING_REVIEW']);
  }, 60_000);

  it('a counter drop is reviewed as a read: correct, exclude or approve decide the drop', async () => {
    const drop = async (serial: string) => {
      const d = await device(serial);
      await record(d, '2026-01-01T00:00:00Z', { total: 1000 });
      await record(d, '2026-01-10T00:00:00Z', { total: 7 });
      await record(d, '2026-01-31T00:00:00Z', { total: 1600 });
      return d;
    };
    const corrected = await drop('DROP-CORRECT');
    const excluded = await drop('DROP-EXCLUDE');
    const approved = await drop('DROP-APPROVE');
    // Waiting: usage across the drop is withheld, as before review existed.
    expect(await exported(corrected)).toEqual(['1000', '7', '', 'ROLLBACK_OPEN']);
    const pending = await reviewOf(corrected);
    expect(pending).toMatchObject({
      reason: 'DISCONTINUITY',
      originalValue: 7,
      previousValue: 1000,
    });

    const tooLow = await t.client.request(
      REVIEW,
      { id: pending.id, input: { decision: 'CORRECT', correctedValue: 7, reason: 'x' } },
      a.adminToken,
    );
    expect(tooLow.errors?.[0]?.message).toBe(
      'The corrected value must be at least 1,000, the counter at 2026-01-01T00:00:00.000Z.',
    );
    await review(pending.id, {
      decision: 'CORRECT',
      correctedValue: 1207,
      reason: 'a digit lost in transit',
    });
    await review((await reviewOf(excluded)).id, { decision: 'EXCLUDE', reason: 'glitch' });
    await review((await reviewOf(approved)).id, { decision: 'APPROVE' });

    expect(await exported(corrected)).toEqual(['1000', '1207', '207', 'READ_CORRECTED']);
    expect(await exported(excluded)).toEqual(['1000', '1000', '0', 'READING_REJECTED']);
    expect(await exported(approved)).toEqual(['1000', '7', '7', 'ROLLBACK_REVIEWED']);
    const statuses = await t.prisma.meterDiscontinuity.findMany({
      where: { deviceId: { in: [corrected.id, excluded.id, approved.id] } },
      select: { deviceId: true, status: true },
    });
    expect(new Map(statuses.map((s) => [s.deviceId, s.status]))).toEqual(
      new Map([
        [corrected.id, 'CORRECTED'],
        [excluded.id, 'REJECTED'],
        [approved.id, 'ACCEPTED_RESET'],
      ]),
    );
    // Decided once: a drop's read is not decided again.
    const again = await t.client.request(
      REVIEW,
      { id: pending.id, input: { decision: 'APPROVE' } },
      a.adminToken,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  }, 60_000);

  it('reviewMeterDiscontinuity decides the read review too', async () => {
    const d = await device('DROP-OLD-PATH');
    await record(d, '2026-01-01T00:00:00Z', { total: 1000 });
    await record(d, '2026-01-10T00:00:00Z', { total: 7 });
    const drop = await t.prisma.meterDiscontinuity.findFirstOrThrow({ where: { deviceId: d.id } });
    await t.client.ok(
      `mutation($id: ID!) { reviewMeterDiscontinuity(id: $id, input: { action: REJECT_READING, note: "glitch" }) { id } }`,
      { id: drop.id },
      a.adminToken,
    );
    const row = await t.prisma.meterReadReview.findFirstOrThrow({
      where: { discontinuityId: drop.id },
    });
    expect([row.status, row.decisionReason]).toEqual(['EXCLUDED', 'glitch']);
  }, 60_000);

  it('a merged device takes its reads and their reviews along', async () => {
    const keep = await device('MERGE-KEEP');
    const merged = await disagreeing('MERGE-GONE');
    const { id } = await reviewOf(merged);
    await t.client.ok(
      `mutation($input: MergeDevicesInput!) { mergeDevices(input: $input) { id } }`,
      { input: { keepId: keep.id, mergeId: merged.id } },
      a.adminToken,
    );
    const row = await t.prisma.meterReadReview.findFirstOrThrow({ where: { id } });
    expect(row.deviceId).toBe(keep.id);
    expect(await exported(keep)).toEqual(['1000', '1000', '0', 'READ_AWAITING_REVIEW']);
  }, 60_000);

  it('audits who decided what, before and after', async () => {
    const d = await disagreeing('SRC-AUDIT');
    const { id } = await reviewOf(d);
    await review(id, { decision: 'CORRECT', correctedValue: 1450, reason: 'meter photo' });
    await review(id, { decision: 'APPROVE', reason: 'photo was older' });
    const events = await t.prisma.auditEvent.findMany({
      where: { tenantId: a.tenant.id, action: 'meter_read.review', targetId: id },
      orderBy: { at: 'asc' },
    });
    expect(events.map((e) => [e.actorKind, e.details])).toEqual([
      [
        'USER',
        expect.objectContaining({
          deviceId: d.id,
          counter: 'total',
          decision: 'CORRECT',
          before: { status: 'PENDING', value: 1500, reason: null },
          after: { status: 'CORRECTED', value: 1450, reason: 'meter photo' },
        }),
      ],
      [
        'USER',
        expect.objectContaining({
          decision: 'APPROVE',
          before: { status: 'CORRECTED', value: 1450, reason: 'meter photo' },
          after: { status: 'APPROVED', value: 1500, reason: 'photo was older' },
        }),
      ],
    ]);
    expect(events[0]!.actorId).toBeTruthy();
    expect(await exported(d)).toEqual(['1000', '1500', '500', 'READ_APPROVED']);
  }, 60_000);
});
