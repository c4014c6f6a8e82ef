import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { lockCustomerDevices } from '../devices/customer-device-lock.js';

/** A device row as ingest writes it (new or updated), camelCase like the Prisma model. */
export type DeviceWrite = {
  id: string;
  siteId: string | null;
  agentId: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  macAddress: string | null;
  ipAddress: string | null;
  hostname: string | null;
  firmware: string | null;
  location: string | null;
  assetTag: string | null;
  sysObjectId: string | null;
  noIdentity: boolean;
  needsReview: boolean;
  reviewReason: string | null;
  printerStatus: string | null;
  detectedErrors: string[];
  consoleDisplay: string | null;
  statusAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Written only forward (GREATEST with the stored value). */
  lastMeterReadAt: Date | null;
};

/** A stored device as ingest reads it: the columns it writes back, plus the same id. */
export type StoredDevice = DeviceWrite;

export type StoredSupply = {
  id: string;
  deviceId: string;
  supplyKey: string;
  readAt: Date | null;
  description: string | null;
  type: string | null;
  color: string | null;
  partNumber: string | null;
};

export type SupplyWrite = {
  id: string;
  deviceId: string;
  supplyKey: string;
  description: string | null;
  type: string | null;
  color: string | null;
  partNumber: string | null;
  level: number | null;
  maxCapacity: number | null;
  percent: number | null;
  state: string;
  readAt: Date;
};

export type SupplyLevelWrite = {
  deviceId: string;
  /** This reading becomes the supply's current state (its newest, for a stored supply). */
  current: boolean;
  supplyId: string;
  level: number | null;
  maxCapacity: number | null;
  percent: number | null;
  state: string;
  partNumber: string | null;
  readAt: Date;
};

/**
 * Set-based writes of one upload on the tenant-scoped transaction: every statement takes all
 * rows of the upload as one JSON parameter (`json_to_recordset`), so an upload costs a
 * handful of round trips whatever its size. Never interpolated: one bound parameter each.
 * The statements run as plain SQL on the transaction's own connection (`TenantPrisma.sql`):
 * their parameters are up to a megabyte and their results thousands of rows.
 */
@Injectable()
export class IngestRepository {
  constructor(@Inject(TenantPrisma) private readonly tenantPrisma: TenantPrisma) {}

  /**
   * Starts an upload's normalisation; returns the previous `enable_nestloop` for `restoreJoins`.
   * Uploads of one customer are normalised one at a time (`lockCustomerDevices`).
   *
   * Every bulk statement joins a JSON record set (estimated at 100 rows) with a table whose
   * statistics may predate this very upload (a new customer's first 1,000 devices): the
   * planner then picks a nested loop that re-reads the whole record set per row — 4,000
   * supplies took 20 s instead of 20 ms. Hash joins are right whatever the estimates, so
   * ingest turns nested loops off for its own statements (transaction-local) and restores
   * the previous setting after. So that a hash join does not read the dealer's whole table,
   * every statement also names the table rows it wants by id (`= ANY(…)`, an index scan).
   */
  async beginUpload(tx: Prisma.TransactionClient, customerId: string): Promise<string> {
    await lockCustomerDevices(tx, customerId);
    const rows = await tx.$queryRaw<{ before: string }[]>`
      SELECT current_setting('enable_nestloop') AS before, set_config('enable_nestloop', 'off', true) AS now`;
    return rows[0]?.before ?? 'on';
  }

  async restoreJoins(tx: Prisma.TransactionClient, before: string): Promise<void> {
    await tx.$queryRaw`SELECT set_config('enable_nestloop', ${before === 'off' ? 'off' : 'on'}, true)`;
  }

  /**
   * Live devices of the customer that any device of the upload could be (oldest first): one
   * statement, only the columns ingest reads.
   */
  async candidates(
    tx: Prisma.TransactionClient,
    where: {
      customerId: string;
      agentId: string;
      serials: string[];
      macs: string[];
      flaggedAddresses: string[];
    },
  ): Promise<StoredDevice[]> {
    if (where.serials.length + where.macs.length + where.flaggedAddresses.length === 0) return [];
    return this.tenantPrisma.query<StoredDevice>(
      tx,
      `SELECT id, site_id AS "siteId", agent_id AS "agentId", manufacturer, model, serial_number AS "serialNumber",
              mac_address AS "macAddress", ip_address AS "ipAddress", hostname, firmware, location, asset_tag AS "assetTag",
              sys_object_id AS "sysObjectId", no_identity AS "noIdentity", needs_review AS "needsReview", review_reason AS "reviewReason",
              printer_status AS "printerStatus", detected_errors AS "detectedErrors", console_display AS "consoleDisplay",
              status_at AS "statusAt", first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt", last_meter_read_at AS "lastMeterReadAt"
       FROM devices
       WHERE customer_id = $1::uuid AND merged_into_id IS NULL
         AND (serial_number IN (SELECT jsonb_array_elements_text($2::jsonb))
           OR mac_address IN (SELECT jsonb_array_elements_text($3::jsonb))
           OR (agent_id = $4::uuid AND no_identity
               AND ip_address IN (SELECT jsonb_array_elements_text($5::jsonb))))
       ORDER BY created_at, id`,
      [
        where.customerId,
        JSON.stringify(where.serials),
        JSON.stringify(where.macs),
        where.agentId,
        JSON.stringify(where.flaggedAddresses),
      ],
    );
  }

  async insertDevices(
    tx: Prisma.TransactionClient,
    scope: Scope,
    rows: readonly DeviceWrite[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.tenantPrisma.execute(
      tx,
      `INSERT INTO devices (tenant_id, id, customer_id, site_id, agent_id, manufacturer, model, serial_number, mac_address, ip_address,
                            hostname, firmware, location, asset_tag, sys_object_id, no_identity, needs_review, review_reason,
                            printer_status, detected_errors, console_display, status_at, first_seen_at, last_seen_at, last_meter_read_at)
       SELECT $1::uuid, d.id, $2::uuid, d."siteId", d."agentId", d.manufacturer, d.model, d."serialNumber", d."macAddress", d."ipAddress",
              d.hostname, d.firmware, d.location, d."assetTag", d."sysObjectId", d."noIdentity", d."needsReview", d."reviewReason",
              d."printerStatus", d."detectedErrors", d."consoleDisplay", d."statusAt", d."firstSeenAt", d."lastSeenAt", d."lastMeterReadAt"
       FROM json_to_recordset($3::json) AS d(id uuid, "siteId" uuid, "agentId" uuid, manufacturer text, model text, "serialNumber" text, "macAddress" text,
              "ipAddress" text, hostname text, firmware text, location text, "assetTag" text, "sysObjectId" text, "noIdentity" boolean,
              "needsReview" boolean, "reviewReason" text, "printerStatus" text, "detectedErrors" text[], "consoleDisplay" text,
              "statusAt" timestamptz, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz, "lastMeterReadAt" timestamptz)`,
      [scope.tenantId, scope.customerId, JSON.stringify(rows)],
    );
  }

  /**
   * What every reading changes on a device row: status, last seen, last meter read. Seven
   * columns, none indexed, so the update stays heap-only on the fill-factor-80 table.
   */
  async updateDeviceReadings(
    tx: Prisma.TransactionClient,
    scope: Scope,
    rows: readonly DeviceWrite[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const slim = rows.map((row) => ({
      id: row.id,
      printerStatus: row.printerStatus,
      detectedErrors: row.detectedErrors,
      consoleDisplay: row.consoleDisplay,
      statusAt: row.statusAt,
      lastSeenAt: row.lastSeenAt,
      lastMeterReadAt: row.lastMeterReadAt,
    }));
    await this.tenantPrisma.execute(
      tx,
      `UPDATE devices t SET printer_status = d."printerStatus", detected_errors = d."detectedErrors", console_display = d."consoleDisplay",
              status_at = d."statusAt", last_seen_at = d."lastSeenAt",
              last_meter_read_at = GREATEST(t.last_meter_read_at, d."lastMeterReadAt"), updated_at = now()
       FROM json_to_recordset($2::json) AS d(id uuid, "printerStatus" text, "detectedErrors" text[], "consoleDisplay" text,
              "statusAt" timestamptz, "lastSeenAt" timestamptz, "lastMeterReadAt" timestamptz)
       WHERE t.tenant_id = $1::uuid AND t.id = ANY($3::uuid[]) AND t.id = d.id`,
      [scope.tenantId, JSON.stringify(slim), ids(rows)],
    );
  }

  /** Identity, placement and review columns: only for the rows where one of them changed (rare). */
  async updateDeviceIdentities(
    tx: Prisma.TransactionClient,
    scope: Scope,
    rows: readonly DeviceWrite[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.tenantPrisma.execute(
      tx,
      `UPDATE devices t SET
         site_id = d."siteId", agent_id = d."agentId", manufacturer = d.manufacturer, model = d.model, serial_number = d."serialNumber",
         mac_address = d."macAddress", ip_address = d."ipAddress", hostname = d.hostname, firmware = d.firmware, location = d.location,
         asset_tag = d."assetTag", sys_object_id = d."sysObjectId", no_identity = d."noIdentity", needs_review = d."needsReview",
         review_reason = d."reviewReason", updated_at = now()
       FROM json_to_recordset($2::json) AS d(id uuid, "siteId" uuid, "agentId" uuid, manufacturer text, model text, "serialNumber" text, "macAddress" text,
              "ipAddress" text, hostname text, firmware text, location text, "assetTag" text, "sysObjectId" text, "noIdentity" boolean,
              "needsReview" boolean, "reviewReason" text)
       WHERE t.tenant_id = $1::uuid AND t.id = ANY($3::uuid[]) AND t.id = d.id`,
      [scope.tenantId, JSON.stringify(rows), ids(rows)],
    );
  }

  async recordIdentityChanges(
    tx: Prisma.TransactionClient,
    rows: Prisma.DeviceIdentityChangeCreateManyInput[],
  ): Promise<void> {
    if (rows.length > 0) await tx.deviceIdentityChange.createMany({ data: rows });
  }

  /** The stored supplies of these devices (only what ingest compares). */
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
   * Level history and, in the same statement, the supplies' current level and state from the
   * rows marked `current` (the newest reading of each supply; five unindexed columns, so the
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
           AS l("deviceId" uuid, "supplyId" uuid, level int, "maxCapacity" int, percent float8, state text, "partNumber" text, "readAt" timestamptz, current boolean)
       ), current_state AS (
         UPDATE supplies t SET level = l.level, max_capacity = l."maxCapacity", percent = l.percent, state = l.state, read_at = l."readAt", updated_at = now()
         FROM l WHERE l.current AND t.tenant_id = $1::uuid AND t.id = ANY($5::uuid[]) AND t.id = l."supplyId"
       ), bounds AS MATERIALIZED (
         SELECT "supplyId" AS supply_id, min("readAt") AS first_at, max("readAt") AS last_at FROM l GROUP BY "supplyId"
       ), stored AS MATERIALIZED (
         SELECT s.* FROM bounds b CROSS JOIN LATERAL (
           (SELECT id, supply_id, read_at, COALESCE(last_seen_at, read_at) AS seen, level, max_capacity, percent, state, part_number
            FROM supply_levels WHERE tenant_id = $1::uuid AND supply_id = b.supply_id AND read_at <= b.first_at
            ORDER BY read_at DESC LIMIT 1)
           UNION ALL
           (SELECT id, supply_id, read_at, COALESCE(last_seen_at, read_at), level, max_capacity, percent, state, part_number
            FROM supply_levels WHERE b.last_at > b.first_at AND tenant_id = $1::uuid AND supply_id = b.supply_id AND read_at > b.first_at AND read_at <= b.last_at)
         ) s
       ), timeline AS (
         SELECT supply_id, read_at AS at, id AS stored_id, seen, NULL::uuid AS device_id, level, max_capacity, percent, state, part_number FROM stored
         UNION ALL
         SELECT DISTINCT ON (l."supplyId", l."readAt") l."supplyId", l."readAt", NULL::uuid, NULL::timestamptz, l."deviceId",
                l.level, l."maxCapacity", l.percent, l.state, l."partNumber"
         FROM l WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.supply_id = l."supplyId" AND s.read_at = l."readAt")
       ), marked AS (
         SELECT *, CASE WHEN stored_id IS NOT NULL OR lag(at) OVER w IS NULL
                          OR level IS DISTINCT FROM lag(level) OVER w OR max_capacity IS DISTINCT FROM lag(max_capacity) OVER w
                          OR percent IS DISTINCT FROM lag(percent) OVER w OR state IS DISTINCT FROM lag(state) OVER w
                          OR part_number IS DISTINCT FROM lag(part_number) OVER w
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
       INSERT INTO supply_levels (tenant_id, id, customer_id, device_id, supply_id, level, max_capacity, percent, state, part_number, read_at, last_seen_at, upload_id)
       SELECT $1::uuid, gen_random_uuid(), $2::uuid, h.device_id, h.supply_id, h.level, h.max_capacity, h.percent,
              h.state, h.part_number, h.at, NULLIF(h.run_end, h.at), $3::uuid
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
}

type Scope = { tenantId: string; customerId: string };

/**
 * The rows' ids, for `t.id = ANY(…)` next to the join with the record set: the table side is
 * then read by index for exactly these rows, not the tenant's whole range (hash joins with
 * nested loops off would scan every device or supply of the dealer per upload).
 */
function ids(rows: readonly { id: string }[]): string[] {
  return rows.map((row) => row.id);
}
