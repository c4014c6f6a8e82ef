import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { CounterDisagreement } from '@printbeat/domain';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { lockCustomerDevices } from './customer-device-lock.js';

/** A device row as an upload writes it (new or updated), camelCase like the Prisma model. */
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
  /** Meters whose two sources disagree on the newest reading; null when they agree. */
  counterReview: CounterDisagreement[] | null;
  statusAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Written only forward (GREATEST with the stored value). */
  lastMeterReadAt: Date | null;
};

/** A stored device as matching reads it: the columns an upload writes back, plus the same id. */
export type StoredDevice = DeviceWrite;

type Scope = { tenantId: string; customerId: string };

/**
 * The device rows of an upload, set based on the tenant-scoped transaction: every statement
 * takes all rows as one JSON parameter (`json_to_recordset`), never interpolated, and names
 * the table rows it wants by id (`= ANY(…)`) so the hash join reads them by index.
 */
@Injectable()
export class DeviceSightingsRepository {
  constructor(@Inject(TenantPrisma) private readonly tenantPrisma: TenantPrisma) {}

  /** Uploads and merges of one customer change its devices one at a time. */
  lock(tx: Prisma.TransactionClient, customerId: string): Promise<void> {
    return lockCustomerDevices(tx, customerId);
  }

  /**
   * Live devices of the customer that any device of the upload could be (oldest first): one
   * statement, only the columns matching reads.
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
              counter_review AS "counterReview", status_at AS "statusAt", first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt", last_meter_read_at AS "lastMeterReadAt"
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

  /** Per address, the live device the agent last saw there (its status time too). */
  async atAddresses(
    tx: Prisma.TransactionClient,
    where: { customerId: string; agentId: string; addresses: string[] },
  ): Promise<{ id: string; ipAddress: string; statusAt: Date | null }[]> {
    if (where.addresses.length === 0) return [];
    return this.tenantPrisma.query(
      tx,
      `SELECT DISTINCT ON (ip_address) id, ip_address AS "ipAddress", status_at AS "statusAt"
       FROM devices
       WHERE customer_id = $1::uuid AND agent_id = $2::uuid AND merged_into_id IS NULL
         AND ip_address IN (SELECT jsonb_array_elements_text($3::jsonb))
       ORDER BY ip_address, last_seen_at DESC, id`,
      [where.customerId, where.agentId, JSON.stringify(where.addresses)],
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
                            printer_status, detected_errors, console_display, counter_review, status_at, first_seen_at, last_seen_at, last_meter_read_at)
       SELECT $1::uuid, d.id, $2::uuid, d."siteId", d."agentId", d.manufacturer, d.model, d."serialNumber", d."macAddress", d."ipAddress",
              d.hostname, d.firmware, d.location, d."assetTag", d."sysObjectId", d."noIdentity", d."needsReview", d."reviewReason",
              d."printerStatus", d."detectedErrors", d."consoleDisplay", d."counterReview", d."statusAt", d."firstSeenAt", d."lastSeenAt", d."lastMeterReadAt"
       FROM json_to_recordset($3::json) AS d(id uuid, "siteId" uuid, "agentId" uuid, manufacturer text, model text, "serialNumber" text, "macAddress" text,
              "ipAddress" text, hostname text, firmware text, location text, "assetTag" text, "sysObjectId" text, "noIdentity" boolean,
              "needsReview" boolean, "reviewReason" text, "printerStatus" text, "detectedErrors" text[], "consoleDisplay" text,
              "counterReview" jsonb, "statusAt" timestamptz, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz, "lastMeterReadAt" timestamptz)`,
      [scope.tenantId, scope.customerId, JSON.stringify(rows)],
    );
  }

  /**
   * What every reading changes on a device row: status, counter review, last seen, last meter
   * read. Eight columns, none indexed, so the update stays heap-only on the fill-factor-80 table.
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
      counterReview: row.counterReview,
      statusAt: row.statusAt,
      lastSeenAt: row.lastSeenAt,
      lastMeterReadAt: row.lastMeterReadAt,
    }));
    await this.tenantPrisma.execute(
      tx,
      `UPDATE devices t SET printer_status = d."printerStatus", detected_errors = d."detectedErrors", console_display = d."consoleDisplay",
              counter_review = d."counterReview", status_at = d."statusAt", last_seen_at = d."lastSeenAt",
              last_meter_read_at = GREATEST(t.last_meter_read_at, d."lastMeterReadAt"), updated_at = now()
       FROM json_to_recordset($2::json) AS d(id uuid, "printerStatus" text, "detectedErrors" text[], "consoleDisplay" text,
              "counterReview" jsonb, "statusAt" timestamptz, "lastSeenAt" timestamptz, "lastMeterReadAt" timestamptz)
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
}

/**
 * The rows' ids, for `t.id = ANY(…)` next to the join with the record set: the table side is
 * then read by index for exactly these rows, not the tenant's whole range.
 */
function ids(rows: readonly { id: string }[]): string[] {
  return rows.map((row) => row.id);
}
