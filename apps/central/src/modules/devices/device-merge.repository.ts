import { Injectable } from '@nestjs/common';
import type { Device as DeviceRow, Prisma } from '@prisma/client';
import { lockCustomerDevices } from './customer-device-lock.js';

type Tx = Prisma.TransactionClient;

/** The two devices of a merge, by role. */
export type MergePair = { tenantId: string; keepId: string; mergeId: string };

export type JoinedRead = { id: string; readAt: Date; counters: Prisma.JsonValue; moved: boolean };

/**
 * The writes of a device merge, on the caller's tenant transaction (row-level security still
 * applies; tenant_id is named in every statement for the indexes). Each history table moves
 * with one statement; rows that would break a unique key stay on the merged device.
 */
@Injectable()
export class DeviceMergeRepository {
  /** Both rows locked in id order, so two merges (or a merge and ingest) touching them queue up. */
  /** Both rows, after the customers' device lock (uploads wait: nothing is added mid-merge). */
  async lockBoth(tx: Tx, tenantId: string, ids: [string, string]): Promise<DeviceRow[]> {
    const sorted = [...ids].sort();
    const customers = await tx.$queryRaw<{ customer_id: string }[]>`
      SELECT DISTINCT customer_id::text FROM devices WHERE tenant_id = ${tenantId}::uuid AND id IN (${sorted[0]}::uuid, ${sorted[1]}::uuid) ORDER BY 1`;
    for (const { customer_id: customerId } of customers) await lockCustomerDevices(tx, customerId);
    await tx.$queryRaw`SELECT id FROM devices WHERE tenant_id = ${tenantId}::uuid AND id IN (${sorted[0]}::uuid, ${sorted[1]}::uuid) ORDER BY id FOR UPDATE`;
    return tx.device.findMany({ where: { id: { in: ids } } });
  }

  lock(tx: Tx, tenantId: string, id: string) {
    return tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM devices WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  }

  /** Reads at an instant the kept device already has stay behind (unique (tenant, device, read_at)). */
  async moveMeterReads(tx: Tx, { tenantId, keepId, mergeId }: MergePair): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE meter_reads m SET device_id = ${keepId}::uuid
      WHERE m.tenant_id = ${tenantId}::uuid AND m.device_id = ${mergeId}::uuid
        AND NOT EXISTS (SELECT 1 FROM meter_reads k
                        WHERE k.tenant_id = ${tenantId}::uuid AND k.device_id = ${keepId}::uuid AND k.read_at = m.read_at)
      RETURNING m.id`;
    return rows.map((row) => row.id);
  }

  /** A discontinuity follows its later read: usage looks discontinuities up by device and that read. */
  moveDiscontinuities(tx: Tx, { tenantId, keepId, mergeId }: MergePair): Promise<number> {
    return tx.$executeRaw`
      UPDATE meter_discontinuities d SET device_id = ${keepId}::uuid
      FROM meter_reads r
      WHERE d.tenant_id = ${tenantId}::uuid AND d.device_id = ${mergeId}::uuid
        AND r.tenant_id = d.tenant_id AND r.id = d.after_read_id AND r.device_id = ${keepId}::uuid`;
  }

  /** The kept device's reads in time order, marking those that just came from the merged one. */
  async joinedReads(
    tx: Tx,
    tenantId: string,
    keepId: string,
    moved: ReadonlySet<string>,
  ): Promise<JoinedRead[]> {
    const rows = await tx.meterRead.findMany({
      where: { tenantId, deviceId: keepId },
      orderBy: { readAt: 'asc' },
      select: { id: true, readAt: true, counters: true },
    });
    return rows.map((row) => ({ ...row, moved: moved.has(row.id) }));
  }

  moveIdentityChanges(tx: Tx, { tenantId, keepId, mergeId }: MergePair): Promise<number> {
    return tx.$executeRaw`UPDATE device_identity_changes SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND device_id = ${mergeId}::uuid`;
  }

  addIdentityChanges(
    tx: Tx,
    rows: Prisma.DeviceIdentityChangeCreateManyInput[],
  ): Promise<Prisma.BatchPayload> {
    return tx.deviceIdentityChange.createMany({ data: rows });
  }

  /**
   * Open alerts whose code the kept device also has open are closed (one open alert per device
   * and code: open_key); the others stay open under the kept device's key. All move, so the
   * kept device shows the whole alert history.
   */
  async moveAlerts(
    tx: Tx,
    { tenantId, keepId, mergeId }: MergePair,
    now: Date,
  ): Promise<{ closed: number; moved: number }> {
    const closed = await tx.$executeRaw`
      UPDATE alerts a SET closed_at = ${now}, open_key = NULL
      WHERE a.tenant_id = ${tenantId}::uuid AND a.device_id = ${mergeId}::uuid AND a.closed_at IS NULL
        AND EXISTS (SELECT 1 FROM alerts k WHERE k.tenant_id = ${tenantId}::uuid AND k.device_id = ${keepId}::uuid
                    AND k.closed_at IS NULL AND k.code = a.code)`;
    const moved = await tx.$executeRaw`
      UPDATE alerts SET device_id = ${keepId}::uuid,
             open_key = CASE WHEN closed_at IS NULL THEN ${keepId} || ':' || code ELSE NULL END
      WHERE tenant_id = ${tenantId}::uuid AND device_id = ${mergeId}::uuid`;
    return { closed, moved };
  }

  moveCommands(tx: Tx, { tenantId, keepId, mergeId }: MergePair): Promise<number> {
    return tx.$executeRaw`UPDATE commands SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND device_id = ${mergeId}::uuid`;
  }

  supplies(tx: Tx, deviceId: string) {
    return tx.supply.findMany({ where: { deviceId } });
  }

  /** A supply the kept device does not have moves whole: its levels and orders with it. */
  async moveSupply(tx: Tx, { tenantId, keepId }: MergePair, supplyId: string): Promise<void> {
    await tx.$executeRaw`UPDATE supplies SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND id = ${supplyId}::uuid`;
    await tx.$executeRaw`UPDATE supply_levels SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND supply_id = ${supplyId}::uuid`;
    await tx.$executeRaw`UPDATE supply_orders SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND supply_id = ${supplyId}::uuid`;
  }

  /**
   * A supply both devices have: the merged one's levels join the kept supply's history (an
   * instant it already has stays behind: unique (tenant, supply, read_at)), and so do its
   * orders; an active order is cancelled when the kept supply has one already (one active
   * order per supply: active_key). Level rows are runs of equal readings: where the joined
   * history now has equal rows one after the other, the first takes the run to its last
   * reading and the others go.
   */
  async foldSupply(
    tx: Tx,
    { tenantId, keepId }: MergePair,
    from: { id: string },
    into: { id: string },
    now: Date,
  ): Promise<{ levels: number; cancelledOrders: number }> {
    const levels = await tx.$executeRaw`
      UPDATE supply_levels l SET device_id = ${keepId}::uuid, supply_id = ${into.id}::uuid
      WHERE l.tenant_id = ${tenantId}::uuid AND l.supply_id = ${from.id}::uuid
        AND NOT EXISTS (SELECT 1 FROM supply_levels k WHERE k.tenant_id = ${tenantId}::uuid AND k.supply_id = ${into.id}::uuid AND k.read_at = l.read_at)`;
    if (levels > 0)
      await tx.$executeRaw`
        WITH marked AS (
          SELECT id, read_at, COALESCE(last_seen_at, read_at) AS seen,
                 CASE WHEN lag(read_at) OVER w IS NULL
                        OR level IS DISTINCT FROM lag(level) OVER w OR max_capacity IS DISTINCT FROM lag(max_capacity) OVER w
                        OR percent IS DISTINCT FROM lag(percent) OVER w OR state IS DISTINCT FROM lag(state) OVER w
                        OR part_number IS DISTINCT FROM lag(part_number) OVER w
                      THEN 1 ELSE 0 END AS starts
          FROM supply_levels WHERE tenant_id = ${tenantId}::uuid AND supply_id = ${into.id}::uuid
          WINDOW w AS (ORDER BY read_at)
        ), runs AS MATERIALIZED (
          SELECT *, sum(starts) OVER (ORDER BY read_at ROWS UNBOUNDED PRECEDING) AS run FROM marked
        ), heads AS MATERIALIZED (
          SELECT run, (array_agg(id ORDER BY read_at))[1] AS id, max(seen) AS run_end FROM runs GROUP BY run HAVING count(*) > 1
        ), extended AS (
          UPDATE supply_levels t SET last_seen_at = h.run_end FROM heads h
          WHERE t.tenant_id = ${tenantId}::uuid AND t.id = h.id
        )
        DELETE FROM supply_levels d USING runs r, heads h
        WHERE d.tenant_id = ${tenantId}::uuid AND d.id = r.id AND r.run = h.run AND r.id <> h.id`;
    const cancelledOrders = await tx.$executeRaw`
      UPDATE supply_orders SET status = 'CANCELLED', cancelled_at = ${now}, active_key = NULL, updated_at = ${now}
      WHERE tenant_id = ${tenantId}::uuid AND supply_id = ${from.id}::uuid AND active_key IS NOT NULL
        AND EXISTS (SELECT 1 FROM supply_orders k WHERE k.tenant_id = ${tenantId}::uuid AND k.active_key = ${into.id}::uuid)`;
    await tx.$executeRaw`
      UPDATE supply_orders SET device_id = ${keepId}::uuid, supply_id = ${into.id}::uuid,
             active_key = CASE WHEN active_key IS NULL THEN NULL ELSE ${into.id}::uuid END
      WHERE tenant_id = ${tenantId}::uuid AND supply_id = ${from.id}::uuid`;
    return { levels, cancelledOrders };
  }

  updateSupply(tx: Tx, id: string, data: Prisma.SupplyUpdateManyMutationInput) {
    return tx.supply.updateMany({ where: { id }, data });
  }

  updateDevice(tx: Tx, id: string, data: Prisma.DeviceUpdateManyMutationInput) {
    return tx.device.updateMany({ where: { id }, data });
  }

  /** The merged device points at the kept one (hidden from lists and from ingest's matching). */
  markMerged(tx: Tx, { tenantId, keepId, mergeId }: MergePair): Promise<number> {
    return tx.$executeRaw`
      UPDATE devices SET merged_into_id = ${keepId}::uuid, needs_review = false, review_reason = NULL, updated_at = now()
      WHERE tenant_id = ${tenantId}::uuid AND id = ${mergeId}::uuid`;
  }
}
