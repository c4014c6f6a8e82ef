import { Injectable } from '@nestjs/common';
import type {
  MeterDiscontinuity as DiscontinuityRow,
  MeterRead as MeterReadRow,
  Prisma,
} from '@prisma/client';

export type DiscontinuityWithReads = DiscontinuityRow & {
  beforeRead: Pick<MeterReadRow, 'id' | 'readAt'>;
  afterRead: Pick<MeterReadRow, 'id' | 'readAt'>;
};

const WITH_READS = {
  beforeRead: { select: { id: true, readAt: true } },
  afterRead: { select: { id: true, readAt: true } },
} as const;

/** Meter reads and discontinuities on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class MetersRepository {
  latestRead(tx: Prisma.TransactionClient, deviceId: string): Promise<MeterReadRow | null> {
    return tx.meterRead.findFirst({ where: { deviceId }, orderBy: { readAt: 'desc' } });
  }

  readAtOrBefore(
    tx: Prisma.TransactionClient,
    deviceId: string,
    at: Date,
  ): Promise<MeterReadRow | null> {
    return tx.meterRead.findFirst({
      where: { deviceId, readAt: { lte: at } },
      orderBy: { readAt: 'desc' },
    });
  }

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

  async insertRead(
    tx: Prisma.TransactionClient,
    data: Prisma.MeterReadCreateManyInput,
  ): Promise<MeterReadRow | null> {
    const rows = await tx.meterRead.createManyAndReturn({ data: [data], skipDuplicates: true });
    return rows[0] ?? null;
  }

  advanceLastSeen(
    tx: Prisma.TransactionClient,
    readId: string,
    at: Date,
  ): Promise<Prisma.BatchPayload> {
    return tx.meterRead.updateMany({
      where: { id: readId, lastSeenAt: { lt: at } },
      data: { lastSeenAt: at },
    });
  }

  markDeviceRead(
    tx: Prisma.TransactionClient,
    deviceId: string,
    at: Date,
  ): Promise<Prisma.BatchPayload> {
    return tx.device.updateMany({
      where: { id: deviceId, OR: [{ lastMeterReadAt: null }, { lastMeterReadAt: { lt: at } }] },
      data: { lastMeterReadAt: at },
    });
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
      status: 'ACCEPTED_RESET' | 'REJECTED';
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
      statuses: ('OPEN' | 'ACCEPTED_RESET' | 'REJECTED')[] | null;
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
}
