import { Inject, Injectable } from '@nestjs/common';
import type {
  MeterDiscontinuity as DiscontinuityRow,
  MeterRead as MeterReadRow,
  Prisma,
} from '@prisma/client';
import type { NewRead, TimelineRead } from '@printbeat/domain';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';

export type DiscontinuityWithReads = DiscontinuityRow & {
  beforeRead: Pick<MeterReadRow, 'id' | 'readAt'>;
  afterRead: Pick<MeterReadRow, 'id' | 'readAt'>;
};

const WITH_READS = {
  beforeRead: { select: { id: true, readAt: true } },
  afterRead: { select: { id: true, readAt: true } },
} as const;

/**
 * Meter reads and discontinuities on a tenant-scoped transaction; row-level security decides
 * visibility. The batch statements (a whole upload's reads) run as plain SQL on the
 * transaction's own connection (`TenantPrisma.sql`).
 */
@Injectable()
export class MetersRepository {
  constructor(@Inject(TenantPrisma) private readonly tenantPrisma: TenantPrisma) {}

  /** The first read after `at` that carries `counter`. */
  async readAfterWithCounter(
    tx: Prisma.TransactionClient,
    deviceId: string,
    at: Date,
    counter: string,
  ): Promise<{ id: string; readAt: Date; value: bigint } | null> {
    const rows = await tx.$queryRaw<{ id: string; read_at: Date; value: bigint }[]>`
      SELECT id, read_at, (counters ->> ${counter})::bigint AS value
      FROM meter_reads
      WHERE device_id = ${deviceId}::uuid AND read_at > ${at} AND counters ? ${counter}
      ORDER BY read_at ASC LIMIT 1`;
    const row = rows[0];
    return row ? { id: row.id, readAt: row.read_at, value: row.value } : null;
  }

  rejectedAt(
    tx: Prisma.TransactionClient,
    readId: string,
  ): Promise<{ counter: string; beforeValue: bigint }[]> {
    return tx.meterDiscontinuity.findMany({
      where: { afterReadId: readId, status: 'REJECTED' },
      select: { counter: true, beforeValue: true },
    });
  }

  /**
   * For each device: the stored read at or before `from` and every read after it, oldest first
   * (a steady-state upload gets only each device's latest read), with the values reviewers
   * rejected at each read. One statement for the whole batch.
   */
  async readsFrom(
    tx: Prisma.TransactionClient,
    tenantId: string,
    devices: readonly { deviceId: string; from: Date }[],
  ): Promise<TimelineRead[]> {
    if (devices.length === 0) return [];
    const rows = await this.tenantPrisma.query<{
      id: string;
      device_id: string;
      read_at: Date;
      last_seen_at: Date;
      counters: Prisma.JsonValue;
      rejected: { counter: string; beforeValue: string }[] | null;
    }>(
      tx,
      `WITH wanted AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS w("deviceId" uuid, "from" timestamptz)
       )
       SELECT r.id, r.device_id, r.read_at, r.last_seen_at, r.counters,
              (SELECT json_agg(json_build_object('counter', d.counter, 'beforeValue', d.before_value::text))
                 FROM meter_discontinuities d
                WHERE d.tenant_id = $1::uuid AND d.after_read_id = r.id AND d.status = 'REJECTED') AS rejected
       FROM wanted w
       CROSS JOIN LATERAL (
         (SELECT m.id, m.device_id, m.read_at, m.last_seen_at, m.counters FROM meter_reads m
           WHERE m.tenant_id = $1::uuid AND m.device_id = w."deviceId" AND m.read_at <= w."from"
           ORDER BY m.read_at DESC LIMIT 1)
         UNION ALL
         (SELECT m.id, m.device_id, m.read_at, m.last_seen_at, m.counters FROM meter_reads m
           WHERE m.tenant_id = $1::uuid AND m.device_id = w."deviceId" AND m.read_at > w."from")
       ) r
       ORDER BY r.device_id, r.read_at`,
      [tenantId, JSON.stringify(devices)],
    );
    return rows.map((row) => ({
      id: row.id,
      deviceId: row.device_id,
      readAt: row.read_at,
      lastSeenAt: row.last_seen_at,
      counters: row.counters,
      rejected: (row.rejected ?? []).map((r) => ({
        counter: r.counter,
        beforeValue: Number(r.beforeValue),
      })),
    }));
  }

  /** Inserts reads (ids chosen by the caller); one at an instant already stored is skipped. Returns the inserted ids. */
  async insertReads(tx: Prisma.TransactionClient, rows: readonly NewRead[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await this.tenantPrisma.query<{ id: string }>(
      tx,
      `INSERT INTO meter_reads (tenant_id, id, customer_id, device_id, read_at, last_seen_at, counters, sources, upload_id)
       SELECT r."tenantId", r.id, r."customerId", r."deviceId", r."readAt", r."lastSeenAt", r.counters, r.sources, r."uploadId"
       FROM json_to_recordset($1::json)
         AS r("tenantId" uuid, id uuid, "customerId" uuid, "deviceId" uuid, "readAt" timestamptz, "lastSeenAt" timestamptz, counters jsonb,
              sources jsonb, "uploadId" uuid)
       ON CONFLICT (tenant_id, device_id, read_at) DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    return new Set(inserted.map((row) => row.id));
  }

  /** Advances reads' lastSeenAt (never backwards). */
  async advanceLastSeenMany(
    tx: Prisma.TransactionClient,
    tenantId: string,
    rows: readonly { id: string; at: Date }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.tenantPrisma.execute(
      tx,
      `UPDATE meter_reads m SET last_seen_at = x.at
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, at timestamptz)
       WHERE m.tenant_id = $1::uuid AND m.id = ANY($3::uuid[]) AND m.id = x.id AND m.last_seen_at < x.at`,
      [tenantId, JSON.stringify(rows), rows.map((row) => row.id)],
    );
  }

  createDiscontinuities(
    tx: Prisma.TransactionClient,
    data: Prisma.MeterDiscontinuityCreateManyInput[],
  ): Promise<DiscontinuityRow[]> {
    return tx.meterDiscontinuity.createManyAndReturn({ data, skipDuplicates: true });
  }

  findDiscontinuity(
    tx: Prisma.TransactionClient,
    id: string,
  ): Promise<DiscontinuityWithReads | null> {
    return tx.meterDiscontinuity.findFirst({ where: { id }, include: WITH_READS });
  }

  async review(
    tx: Prisma.TransactionClient,
    id: string,
    data: {
      status: 'ACCEPTED_RESET' | 'REJECTED' | 'CORRECTED';
      offset: bigint | null;
      note: string | null;
      reviewedByUserId: string | null;
    },
  ): Promise<boolean> {
    // Only an OPEN one: two reviewers racing cannot both win.
    const { count } = await tx.meterDiscontinuity.updateMany({
      where: { id, status: 'OPEN' },
      data: { ...data, reviewedAt: new Date() },
    });
    return count === 1;
  }

  listDiscontinuities(
    tx: Prisma.TransactionClient,
    filter: {
      statuses: ('OPEN' | 'ACCEPTED_RESET' | 'REJECTED' | 'CORRECTED')[] | null;
      deviceId: string | null;
      customerId: string | null;
    },
    page: { take: number; skip: number },
  ): Promise<DiscontinuityWithReads[]> {
    return tx.meterDiscontinuity.findMany({
      where: {
        ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
        ...(filter.deviceId ? { deviceId: filter.deviceId } : {}),
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
      },
      include: WITH_READS,
      // The enum's order puts OPEN first: what needs a person comes first.
      orderBy: [{ status: 'asc' }, { detectedAt: 'desc' }, { id: 'asc' }],
      take: page.take,
      skip: page.skip,
    });
  }

  /** A device as an estimated read needs it (row-level security hides another tenant's). */
  findDevice(
    tx: Prisma.TransactionClient,
    id: string,
  ): Promise<{
    id: string;
    tenantId: string;
    customerId: string;
    retiredAt: Date | null;
    mergedIntoId: string | null;
    monitoringPausedAt: Date | null;
  } | null> {
    return tx.device.findFirst({
      where: { id },
      select: {
        id: true,
        tenantId: true,
        customerId: true,
        retiredAt: true,
        mergedIntoId: true,
        monitoringPausedAt: true,
      },
    });
  }

  /** Every counter name the device's stored reads carry. */
  async counterNames(
    tx: Prisma.TransactionClient,
    device: { tenantId: string; id: string },
  ): Promise<Set<string>> {
    const rows = await tx.$queryRaw<{ name: string }[]>`
      SELECT DISTINCT jsonb_object_keys(counters) AS name FROM meter_reads
      WHERE tenant_id = ${device.tenantId}::uuid AND device_id = ${device.id}::uuid
        AND jsonb_typeof(counters) = 'object'`;
    return new Set(rows.map((row) => row.name));
  }

  /** The device's read at exactly `at`, if any. */
  readAt(
    tx: Prisma.TransactionClient,
    deviceId: string,
    at: Date,
  ): Promise<{ id: string; readAt: Date } | null> {
    return tx.meterRead.findFirst({
      where: { deviceId, readAt: at },
      select: { id: true, readAt: true },
    });
  }

  /**
   * The device's read at exactly `at`, its reads just before and just after `at`, and its
   * newest read.
   */
  async readsAround(
    tx: Prisma.TransactionClient,
    deviceId: string,
    at: Date,
  ): Promise<{
    existing: { id: string; readAt: Date } | null;
    nearby: ({ readAt: Date; counters: Prisma.JsonValue } | null)[];
  }> {
    const select = { readAt: true, counters: true } as const;
    const existing = await this.readAt(tx, deviceId, at);
    const previous = await tx.meterRead.findFirst({
      where: { deviceId, readAt: { lt: at } },
      orderBy: { readAt: 'desc' },
      select,
    });
    const next = await tx.meterRead.findFirst({
      where: { deviceId, readAt: { gt: at } },
      orderBy: { readAt: 'asc' },
      select,
    });
    const newest = await tx.meterRead.findFirst({
      where: { deviceId },
      orderBy: { readAt: 'desc' },
      select,
    });
    return { existing, nearby: [previous, next, newest] };
  }
}
