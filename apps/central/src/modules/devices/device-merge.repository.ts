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
