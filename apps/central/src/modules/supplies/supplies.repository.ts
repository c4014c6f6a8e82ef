import { Injectable } from '@nestjs/common';
import type { Prisma, Supply as SupplyRow, SupplyLevel as SupplyLevelRow } from '@prisma/client';

/** Supplies and their level history on a tenant-scoped transaction. */
@Injectable()
export class SuppliesRepository {
  findSupply(tx: Prisma.TransactionClient, id: string): Promise<SupplyRow | null> {
    return tx.supply.findFirst({ where: { id } });
  }

  /** The supplies of many devices in one statement, by device then supply key. */
  suppliesOfDevices(
    tx: Prisma.TransactionClient,
    deviceIds: readonly string[],
  ): Promise<SupplyRow[]> {
    return tx.supply.findMany({
      where: { deviceId: { in: [...deviceIds] } },
      orderBy: [{ deviceId: 'asc' }, { supplyKey: 'asc' }],
    });
  }

  suppliesOf(tx: Prisma.TransactionClient, deviceId: string): Promise<SupplyRow[]> {
    return tx.supply.findMany({ where: { deviceId }, orderBy: { supplyKey: 'asc' } });
  }

  /** Levels since `since`, oldest first (plus at most `limit`). */
  levelsSince(
    tx: Prisma.TransactionClient,
    supplyId: string,
    since: Date,
    limit = 2000,
  ): Promise<SupplyLevelRow[]> {
    return tx.supplyLevel.findMany({
      where: { supplyId, readAt: { gte: since } },
      orderBy: { readAt: 'asc' },
      take: limit,
    });
  }

  /** The newest `limit` levels (optionally before `before`), newest first. */
  latestLevels(
    tx: Prisma.TransactionClient,
    supplyId: string,
    limit: number,
    before: Date | null,
  ): Promise<SupplyLevelRow[]> {
    return tx.supplyLevel.findMany({
      where: { supplyId, ...(before ? { readAt: { lt: before } } : {}) },
      orderBy: { readAt: 'desc' },
      take: limit,
    });
  }

  /** The device's total page counter over time (for pages-based forecasts), oldest first. */
  async totalPages(
    tx: Prisma.TransactionClient,
    deviceId: string,
    since: Date,
  ): Promise<{ readAt: Date; pages: number }[]> {
    const rows = await tx.$queryRaw<{ read_at: Date; pages: bigint }[]>`
      SELECT read_at, (counters ->> 'total')::bigint AS pages FROM meter_reads
      WHERE device_id = ${deviceId}::uuid AND read_at >= ${since} AND counters ? 'total'
      ORDER BY read_at ASC LIMIT 5000`;
    return rows.map((row) => ({ readAt: row.read_at, pages: Number(row.pages) }));
  }
}
