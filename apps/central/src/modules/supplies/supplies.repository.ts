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

  /**
   * Level rows (runs, see `unrollLevelRuns`) with a reading since `since`, oldest first (at most
   * `limit`): the run that started before `since` and was still seen after it, then those since.
   */
  async levelsSince(
    tx: Prisma.TransactionClient,
    supplyId: string,
    since: Date,
    limit = 2000,
  ): Promise<SupplyLevelRow[]> {
    // Runs follow one another: the newest one before `since` is the one that reaches into it.
    const straddling = await tx.supplyLevel.findFirst({
      where: { supplyId, readAt: { lt: since } },
      orderBy: { readAt: 'desc' },
    });
    const rows = await tx.supplyLevel.findMany({
      where: { supplyId, readAt: { gte: since } },
      orderBy: { readAt: 'asc' },
      take: limit,
    });
    return straddling?.lastSeenAt && straddling.lastSeenAt >= since
      ? [straddling, ...rows].slice(0, limit)
      : rows;
  }

  /** The newest `limit` level rows (runs) starting before `before` (optional), newest first. */
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
