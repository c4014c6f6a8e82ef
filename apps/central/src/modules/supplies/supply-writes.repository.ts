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
              s.description, s.type, s.color, s.part_number AS "partNumber", s.percent,
              s.serial_number AS "serialNumber"
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
      `INSERT INTO supplies (tenant_id, id, customer_id, device_id, supply_key, description, type, color, part_number, serial_number, level, max_capacity, percent, state, read_at)
       SELECT $1::uuid, s.id, $2::uuid, s."deviceId", s."supplyKey", s.description, s.type, s.color, s."partNumber", s."serialNumber",
              s.level, s."maxCapacity", s.percent, s.state, s."readAt"
       FROM json_to_recordset($3::json) AS s(id uuid, "deviceId" uuid, "supplyKey" text, description text, type text, color text, "partNumber" text,
              "serialNumber" text, level int, "maxCapacity" int, percent float8, state text, "readAt" timestamptz)`,
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
   * Level history and, in the same statement, the supplies' current level and state from the
   * rows marked `current` (the newest reading of each supply; six unindexed columns, so the
   * update stays heap-only).
   *
   * A level row covers a run of equal readings: per supply, the upload's readings are laid on
   * the stored rows they fall among (the newest at or before the oldest reading, and any after
   * it up to the newest: late readings land between rows) and each reading equal to the one
   * before it joins that run. A run that starts at a stored row only advances its
   * `last_seen_at` (never backwards); a run that starts at a reading is a new row, its
   * `last_seen_at` the run's last reading (null when it is one reading). A reading at an
   * instant already stored is skipped, as before.
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
           AS l("deviceId" uuid, "supplyId" uuid, level int, "maxCapacity" int, percent float8, state text, "partNumber" text,
                "serialNumber" text, change text, "removedPercent" float8, "readAt" timestamptz, current boolean)
       ), current_state AS (
         UPDATE supplies t SET level = l.level, max_capacity = l."maxCapacity", percent = l.percent, state = l.state, serial_number = l."serialNumber", read_at = l."readAt", updated_at = now()
         FROM l WHERE l.current AND t.tenant_id = $1::uuid AND t.id = ANY($5::uuid[]) AND t.id = l."supplyId"
       ), bounds AS MATERIALIZED (
         SELECT "supplyId" AS supply_id, min("readAt") AS first_at, max("readAt") AS last_at FROM l GROUP BY "supplyId"
       ), stored AS MATERIALIZED (
         SELECT s.* FROM bounds b CROSS JOIN LATERAL (
           (SELECT id, supply_id, read_at, COALESCE(last_seen_at, read_at) AS seen, level, max_capacity, percent, state, part_number, serial_number, change, removed_percent
            FROM supply_levels WHERE tenant_id = $1::uuid AND supply_id = b.supply_id AND read_at <= b.first_at
            ORDER BY read_at DESC LIMIT 1)
           UNION ALL
           (SELECT id, supply_id, read_at, COALESCE(last_seen_at, read_at), level, max_capacity, percent, state, part_number, serial_number, change, removed_percent
            FROM supply_levels WHERE b.last_at > b.first_at AND tenant_id = $1::uuid AND supply_id = b.supply_id AND read_at > b.first_at AND read_at <= b.last_at)
         ) s
       ), timeline AS (
         SELECT supply_id, read_at AS at, id AS stored_id, seen, NULL::uuid AS device_id, level, max_capacity, percent, state, part_number,
                serial_number, change, removed_percent FROM stored
         UNION ALL
         SELECT DISTINCT ON (l."supplyId", l."readAt") l."supplyId", l."readAt", NULL::uuid, NULL::timestamptz, l."deviceId",
                l.level, l."maxCapacity", l.percent, l.state, l."partNumber", l."serialNumber", l.change, l."removedPercent"
         FROM l WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.supply_id = l."supplyId" AND s.read_at = l."readAt")
       ), marked AS (
         SELECT *, CASE WHEN stored_id IS NOT NULL OR lag(at) OVER w IS NULL
                          OR level IS DISTINCT FROM lag(level) OVER w OR max_capacity IS DISTINCT FROM lag(max_capacity) OVER w
                          OR percent IS DISTINCT FROM lag(percent) OVER w OR state IS DISTINCT FROM lag(state) OVER w
                          OR part_number IS DISTINCT FROM lag(part_number) OVER w
                          OR serial_number IS DISTINCT FROM lag(serial_number) OVER w OR change IS NOT NULL
                        THEN 1 ELSE 0 END AS starts
         FROM timeline WINDOW w AS (PARTITION BY supply_id ORDER BY at)
       ), runs AS (
         SELECT *, sum(starts) OVER (PARTITION BY supply_id ORDER BY at ROWS UNBOUNDED PRECEDING) AS run FROM marked
       ), heads AS MATERIALIZED (
         SELECT * FROM (SELECT *, max(at) OVER (PARTITION BY supply_id, run) AS run_end FROM runs) r WHERE starts = 1
       ), advanced AS (
         UPDATE supply_levels t SET last_seen_at = h.run_end
         FROM heads h
         WHERE h.stored_id IS NOT NULL AND h.run_end > h.seen AND t.tenant_id = $1::uuid AND t.id = h.stored_id
           AND t.id = ANY(ARRAY(SELECT stored_id FROM heads WHERE stored_id IS NOT NULL AND run_end > seen))
       )
       INSERT INTO supply_levels (tenant_id, id, customer_id, device_id, supply_id, level, max_capacity, percent, state, part_number,
              serial_number, change, removed_percent, read_at, last_seen_at, upload_id)
       SELECT $1::uuid, gen_random_uuid(), $2::uuid, h.device_id, h.supply_id, h.level, h.max_capacity, h.percent,
              h.state, h.part_number, h.serial_number, h.change, h.removed_percent, h.at, NULLIF(h.run_end, h.at), $3::uuid
       FROM heads h WHERE h.stored_id IS NULL
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
   * order per supply: active_key). Level rows are runs of equal readings: where the joined
   * history now has equal rows one after the other, the first takes the run to its last
   * reading and the others go.
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
    if (levels > 0)
      await tx.$executeRaw`
        WITH marked AS (
          SELECT id, read_at, COALESCE(last_seen_at, read_at) AS seen,
                 CASE WHEN lag(read_at) OVER w IS NULL
                        OR level IS DISTINCT FROM lag(level) OVER w OR max_capacity IS DISTINCT FROM lag(max_capacity) OVER w
                        OR percent IS DISTINCT FROM lag(percent) OVER w OR state IS DISTINCT FROM lag(state) OVER w
                        OR part_number IS DISTINCT FROM lag(part_number) OVER w
                        OR serial_number IS DISTINCT FROM lag(serial_number) OVER w OR change IS NOT NULL
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
