import { Inject, Injectable } from '@nestjs/common';
import type { MeterReadReview as ReviewRow, Prisma } from '@prisma/client';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { correctedValueSql, notBillableSql } from './billable-read.js';

export type ReviewWithRead = ReviewRow & {
  read: { readAt: Date };
  device: { serialNumber: string | null; model: string | null; displayName: string | null };
  discontinuity: {
    beforeValue: bigint;
    status: string;
    beforeRead: { id: string; readAt: Date };
    afterRead: { id: string; readAt: Date };
  } | null;
};

const WITH_READ = {
  read: { select: { readAt: true } },
  device: { select: { serialNumber: true, model: true, displayName: true } },
  discontinuity: {
    select: {
      beforeValue: true,
      status: true,
      beforeRead: { select: { id: true, readAt: true } },
      afterRead: { select: { id: true, readAt: true } },
    },
  },
} as const;

export type NewReview = {
  tenantId: string;
  customerId: string;
  deviceId: string;
  readId: string;
  readAt: Date;
  counter: string;
  reason: ReviewRow['reason'];
  discontinuityId: string | null;
  originalValue: number;
  details: Record<string, unknown> | null;
};

export type CounterPointRow = { value: number; readAt: Date };

/** meter_read_reviews on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class MeterReadReviewRepository {
  constructor(@Inject(TenantPrisma) private readonly tenantPrisma: TenantPrisma) {}

  /**
   * Flags reads for review. A counter drop takes over a read's other flag while it waits (the
   * drop's review decides the read); a decided read stays decided.
   */
  async flag(tx: Prisma.TransactionClient, rows: readonly NewReview[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tenantPrisma.execute(
      tx,
      `INSERT INTO meter_read_reviews (tenant_id, customer_id, device_id, read_id, read_at, counter, reason, discontinuity_id, original_value, details)
       SELECT r."tenantId", r."customerId", r."deviceId", r."readId", r."readAt", r.counter, r.reason::"MeterReadReviewReason",
              r."discontinuityId", r."originalValue", r.details
       FROM jsonb_to_recordset($1::jsonb) AS r("tenantId" uuid, "customerId" uuid, "deviceId" uuid, "readId" uuid, "readAt" timestamptz, counter text,
            reason text, "discontinuityId" uuid, "originalValue" bigint, details jsonb)
       ON CONFLICT (tenant_id, read_id, counter) DO UPDATE
         SET reason = excluded.reason, discontinuity_id = excluded.discontinuity_id
         WHERE meter_read_reviews.status = 'PENDING' AND excluded.reason = 'DISCONTINUITY'`,
      [JSON.stringify(rows)],
    );
  }

  find(tx: Prisma.TransactionClient, id: string): Promise<ReviewWithRead | null> {
    return tx.meterReadReview.findFirst({ where: { id }, include: WITH_READ });
  }

  /** Records a decision unless another reviewer changed the row since it was read. */
  async decide(
    tx: Prisma.TransactionClient,
    id: string,
    expected: ReviewRow['status'],
    data: {
      status: 'APPROVED' | 'CORRECTED' | 'EXCLUDED';
      correctedValue: bigint | null;
      decisionReason: string | null;
      reviewedByUserId: string | null;
    },
  ): Promise<boolean> {
    const { count } = await tx.meterReadReview.updateMany({
      where: { id, status: expected },
      data: { ...data, reviewedAt: new Date() },
    });
    return count === 1;
  }

  /** The review row of a counter drop follows a decision made on the drop itself. */
  async followDiscontinuity(
    tx: Prisma.TransactionClient,
    discontinuityId: string,
    data: {
      status: 'APPROVED' | 'EXCLUDED';
      decisionReason: string | null;
      reviewedByUserId: string | null;
    },
  ): Promise<string | null> {
    const row = await tx.meterReadReview.findFirst({
      where: { discontinuityId, status: 'PENDING' },
      select: { id: true },
    });
    if (!row) return null;
    await tx.meterReadReview.updateMany({
      where: { id: row.id, status: 'PENDING' },
      data: { ...data, reviewedAt: new Date() },
    });
    return row.id;
  }

  /** Every review of one read, by counter. */
  ofRead(tx: Prisma.TransactionClient, readId: string): Promise<ReviewWithRead[]> {
    return tx.meterReadReview.findMany({
      where: { readId },
      include: WITH_READ,
      orderBy: [{ counter: 'asc' }],
    });
  }

  list(
    tx: Prisma.TransactionClient,
    filter: {
      statuses: ReviewRow['status'][] | null;
      customerId: string | null;
      deviceId: string | null;
    },
    page: { take: number; skip: number },
  ): Promise<ReviewWithRead[]> {
    return tx.meterReadReview.findMany({
      where: {
        ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.deviceId ? { deviceId: filter.deviceId } : {}),
      },
      include: WITH_READ,
      orderBy: [{ detectedAt: 'asc' }, { id: 'asc' }],
      take: page.take,
      skip: page.skip,
    });
  }

  count(
    tx: Prisma.TransactionClient,
    filter: { customerId: string | null; deviceIds: string[] | null },
  ): Promise<number> {
    return tx.meterReadReview.count({
      where: {
        status: 'PENDING',
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.deviceIds ? { deviceId: { in: filter.deviceIds } } : {}),
      },
    });
  }

  /**
   * The billed value of the counter at the nearest billable read before (`before`) and after
   * (`after`) the given read, by the one billing rule (`billable-read.ts`).
   */
  async neighbours(
    tx: Prisma.TransactionClient,
    read: { tenantId: string; deviceId: string; readAt: Date },
    counter: string,
  ): Promise<{ before: CounterPointRow | null; after: CounterPointRow | null }> {
    const pick = (op: '<' | '>', order: 'DESC' | 'ASC') =>
      this.tenantPrisma.query<{ value: string; read_at: Date }>(
        tx,
        `SELECT coalesce(${correctedValueSql('m.tenant_id', 'm.id', '$4')}, (m.counters ->> $4)::bigint)::text AS value, m.read_at
         FROM meter_reads m
         WHERE m.tenant_id = $1::uuid AND m.device_id = $2::uuid AND m.read_at ${op} $3
           AND m.counters ? $4 AND NOT ${notBillableSql('m.tenant_id', 'm.id', '$4')}
         ORDER BY m.read_at ${order} LIMIT 1`,
        [read.tenantId, read.deviceId, read.readAt, counter],
      );
    const [before, after] = [await pick('<', 'DESC'), await pick('>', 'ASC')];
    const point = (rows: { value: string; read_at: Date }[]) =>
      rows[0] ? { value: Number(rows[0].value), readAt: rows[0].read_at } : null;
    return { before: point(before), after: point(after) };
  }

  /** After a device merge: reviews follow their reads to the kept device. */
  followMergedReads(
    tx: Prisma.TransactionClient,
    pair: { tenantId: string; keepId: string; mergeId: string },
  ): Promise<number> {
    return tx.$executeRaw`
      UPDATE meter_read_reviews v SET device_id = ${pair.keepId}::uuid
      FROM meter_reads r
      WHERE v.tenant_id = ${pair.tenantId}::uuid AND v.device_id = ${pair.mergeId}::uuid
        AND r.tenant_id = v.tenant_id AND r.id = v.read_id AND r.device_id = ${pair.keepId}::uuid`;
  }
}
