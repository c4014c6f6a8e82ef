import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { StoredSupply, SupplyLevelWrite, SupplyWrite } from '@printbeat/domain';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';

type Scope = { tenantId: string; customerId: string };

/** The two devices of a merge: the merged device's supplies go to the kept one. */
export type SupplyMergePair = { tenantId: string; keepId: string; mergeId: string };

/**
 * The write side of supplies: an upload's supplies, their descriptions and level history, set
 * based on the tenant-scoped transaction. Every statement takes all rows of the upload as one
 * JSON parameter (`json_to_recordset`), never interpolated, and names the table rows it wants
 * by id (`= ANY(…)`) so the hash join reads them by index, not the dealer's whole table.
 */
@Injectable()
export class SupplyWritesRepository {
  constructor(@Inject(TenantPrisma) private readonly tenantPrisma: TenantPrisma) {}

  /** The stored supplies of these devices (only what the supply plan compares). */
  async suppliesOf(
    tx: Prisma.TransactionClient,
    tenantId: string,
    deviceIds: readonly string[],
  ): Promise<StoredSupply[]> {
    if (deviceIds.length === 0) return [];
    return this.tenantPrisma.query<StoredSupply>(
      tx,
      `SELECT s.id, s.device_id AS "deviceId", s.supply_key AS "supplyKey", s.read_at AS "readAt",
              s.description, s.type, s.color, s.part_number AS "partNumber"
       FROM supplies s
       WHERE s.tenant_id = $1::uuid AND s.device_id = ANY($2::uuid[])`,
      [tenantId, deviceIds],
    );
  }

  async insertSupplies(
    tx: Prisma.TransactionClient,
    scope: Scope,
    rows: readonly SupplyWrite[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.tenantPrisma.execute(
      tx,
      `INSERT INTO supplies (tenant_id, id, customer_id, device_id, supply_key, description, type, color, part_number, level, max_capacity, percent, state, read_at)
       SELECT $1::uuid, s.id, $2::uuid, s."deviceId", s."supplyKey", s.description, s.type, s.color, s."partNumber",
              s.level, s."maxCapacity", s.percent, s.state, s."readAt"
       FROM json_to_recordset($3::json) AS s(id uuid, "deviceId" uuid, "supplyKey" text, description text, type text, color text, "partNumber" text,
              level int, "maxCapacity" int, percent float8, state text, "readAt" timestamptz)`,
      [scope.tenantId, scope.customerId, JSON.stringify(rows)],
    );
  }

  /**
   * What describes a supply (a new cartridge model, a renamed slot, and with a new description
   * its key): only where it changed.
   */
  async updateSupplyDescriptions(
    tx: Prisma.TransactionClient,
    scope: Scope,
    rows: readonly SupplyWrite[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.tenantPrisma.execute(
      tx,
      `UPDATE supplies t SET supply_key = s."supplyKey", description = s.description, type = s.type, color = s.color, part_number = s."partNumber", updated_at = now()
       FROM json_to_recordset($2::json) AS s(id uuid, "supplyKey" text, description text, type text, color text, "partNumber" text)
       WHERE t.tenant_id = $1::uuid AND t.id = ANY($3::uuid[]) AND t.id = s.id`,
      [scope.tenantId, JSON.stringify(rows), ids(rows)],
    );
  }

  /**
   * Level history rows (one already stored for a supply at the same instant is skipped) and, in
   * the same statement, the supplies' current level and state from the rows marked `current`
   * (the newest reading of each supply): one record set for both, and the update touches five
   * unindexed columns only, so it stays heap-only.
   */
  async writeSupplyReadings(
    tx: Prisma.TransactionClient,
    scope: Scope & { uploadId: string },
    rows: readonly SupplyLevelWrite[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.tenantPrisma.execute(
      tx,
      `WITH l AS MATERIALIZED (
         SELECT * FROM json_to_recordset($4::json)
           AS l("deviceId" uuid, "supplyId" uuid, level int, "maxCapacity" int, percent float8, state text, "partNumber" text, "readAt" timestamptz, current boolean)
       ), current_state AS (
         UPDATE supplies t SET level = l.level, max_capacity = l."maxCapacity", percent = l.percent, state = l.state, read_at = l."readAt", updated_at = now()
         FROM l WHERE l.current AND t.tenant_id = $1::uuid AND t.id = ANY($5::uuid[]) AND t.id = l."supplyId"
       )
       INSERT INTO supply_levels (tenant_id, id, customer_id, device_id, supply_id, level, max_capacity, percent, state, part_number, read_at, upload_id)
       SELECT $1::uuid, gen_random_uuid(), $2::uuid, l."deviceId", l."supplyId", l.level, l."maxCapacity", l.percent,
              l.state, l."partNumber", l."readAt", $3::uuid
       FROM l
       ON CONFLICT (tenant_id, supply_id, read_at) DO NOTHING`,
      [
        scope.tenantId,
        scope.customerId,
        scope.uploadId,
        JSON.stringify(rows),
        rows.filter((row) => row.current).map((row) => row.supplyId),
      ],
    );
  }

  /** A device's supplies, whole rows (a merge compares them). */
  suppliesOfDevice(tx: Prisma.TransactionClient, deviceId: string) {
    return tx.supply.findMany({ where: { deviceId } });
  }

  /** A supply the kept device does not have moves whole: its levels and orders with it. */
  async moveSupply(
    tx: Prisma.TransactionClient,
    { tenantId, keepId }: SupplyMergePair,
    supplyId: string,
  ): Promise<void> {
    await tx.$executeRaw`UPDATE supplies SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND id = ${supplyId}::uuid`;
    await tx.$executeRaw`UPDATE supply_levels SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND supply_id = ${supplyId}::uuid`;
    await tx.$executeRaw`UPDATE supply_orders SET device_id = ${keepId}::uuid WHERE tenant_id = ${tenantId}::uuid AND supply_id = ${supplyId}::uuid`;
  }

  /**
   * A supply both devices have: the merged one's levels join the kept supply's history (an
   * instant it already has stays behind: unique (tenant, supply, read_at)), and so do its
   * orders; an active order is cancelled when the kept supply has one already (one active
   * order per supply: active_key).
   */
  async foldSupply(
    tx: Prisma.TransactionClient,
    { tenantId, keepId }: SupplyMergePair,
    from: { id: string },
    into: { id: string },
    now: Date,
  ): Promise<{ levels: number; cancelledOrders: number }> {
    const levels = await tx.$executeRaw`
      UPDATE supply_levels l SET device_id = ${keepId}::uuid, supply_id = ${into.id}::uuid
      WHERE l.tenant_id = ${tenantId}::uuid AND l.supply_id = ${from.id}::uuid
        AND NOT EXISTS (SELECT 1 FROM supply_levels k WHERE k.tenant_id = ${tenantId}::uuid AND k.supply_id = ${into.id}::uuid AND k.read_at = l.read_at)`;
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

  updateSupply(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.SupplyUpdateManyMutationInput,
  ) {
    return tx.supply.updateMany({ where: { id }, data });
  }
}

/** The rows' ids, for `t.id = ANY(…)` next to the join with the record set. */
function ids(rows: readonly { id: string }[]): string[] {
  return rows.map((row) => row.id);
}
