import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { RetentionSettings } from '@printbeat/domain';

const SETTINGS_COLUMNS = {
  uploadRetentionDays: true,
  readingRetentionYears: true,
  auditRetentionYears: true,
  customerDeletionGraceDays: true,
  exportFileRetentionMonths: true,
} as const;

/**
 * Batched deletes for retention. Each statement removes at most `limit` rows of the current
 * tenant (row-level security applies; the tenant id also picks the index), so a batch holds its
 * locks for milliseconds and readers and ingest go on between batches.
 */
@Injectable()
export class RetentionRepository {
  constructor(@Inject(TenantPrisma) private readonly db: TenantPrisma) {}

  settings(tx: Prisma.TransactionClient, tenantId: string): Promise<RetentionSettings | null> {
    return tx.tenant.findFirst({
      where: { id: tenantId },
      select: SETTINGS_COLUMNS,
    });
  }

  updateSettings(
    tx: Prisma.TransactionClient,
    tenantId: string,
    settings: Partial<RetentionSettings>,
  ): Promise<RetentionSettings> {
    return tx.tenant.update({
      where: { id: tenantId },
      data: settings,
      select: SETTINGS_COLUMNS,
    });
  }

  /** Raw archives of uploads received before `before`; the upload rows stay (exactly-once). */
  deleteUploadBlobs(tx: Prisma.TransactionClient, before: Date, limit: number): Promise<number> {
    return this.db.execute(
      tx,
      `DELETE FROM upload_blobs b
        USING (SELECT blob.tenant_id, blob.upload_id
                 FROM upload_blobs blob
                 JOIN uploads u ON u.tenant_id = blob.tenant_id AND u.id = blob.upload_id
                WHERE u.tenant_id = current_setting('app.tenant_id')::uuid AND u.received_at < $1
                LIMIT $2) old
        WHERE b.tenant_id = old.tenant_id AND b.upload_id = old.upload_id`,
      [before, limit],
    );
  }

  /** Kept billing export files made before `before` (their CSV bytes go with the row). */
  deleteExportFiles(tx: Prisma.TransactionClient, before: Date, limit: number): Promise<number> {
    return this.db.execute(
      tx,
      `DELETE FROM billing_export_files f
        USING (SELECT tenant_id, id FROM billing_export_files
                WHERE tenant_id = current_setting('app.tenant_id')::uuid AND created_at < $1
                LIMIT $2) old
        WHERE f.tenant_id = old.tenant_id AND f.id = old.id`,
      [before, limit],
    );
  }

  deleteAuditEvents(tx: Prisma.TransactionClient, before: Date, limit: number): Promise<number> {
    return this.db.execute(
      tx,
      `DELETE FROM audit_events a
        USING (SELECT tenant_id, id FROM audit_events
                WHERE tenant_id = current_setting('app.tenant_id')::uuid AND at < $1
                LIMIT $2) old
        WHERE a.tenant_id = old.tenant_id AND a.id = old.id`,
      [before, limit],
    );
  }

  /**
   * Meter reads last seen before `before`, except each device's newest (its current counters,
   * the start of its next billing period) and reads an open discontinuity points at or that
   * wait for review. Closed discontinuities and decided reviews go with their reads.
   */
  deleteMeterReads(tx: Prisma.TransactionClient, before: Date, limit: number): Promise<number> {
    return this.db.execute(
      tx,
      `DELETE FROM meter_reads m
        USING (SELECT r.tenant_id, r.id
                 FROM meter_reads r
                WHERE r.tenant_id = current_setting('app.tenant_id')::uuid
                  AND r.read_at < $1 AND r.last_seen_at < $1
                  AND r.read_at < (SELECT max(n.read_at) FROM meter_reads n
                                    WHERE n.tenant_id = r.tenant_id AND n.device_id = r.device_id)
                  AND NOT EXISTS (SELECT 1 FROM meter_discontinuities d
                                   WHERE d.tenant_id = r.tenant_id AND d.status = 'OPEN'
                                     AND (d.before_read_id = r.id OR d.after_read_id = r.id))
                  AND NOT EXISTS (SELECT 1 FROM meter_read_reviews v
                                   WHERE v.tenant_id = r.tenant_id AND v.read_id = r.id AND v.status = 'PENDING')
                LIMIT $2) old
        WHERE m.tenant_id = old.tenant_id AND m.id = old.id`,
      [before, limit],
    );
  }

  /** Supply level rows last seen before `before`, except each supply's newest. */
  deleteSupplyLevels(tx: Prisma.TransactionClient, before: Date, limit: number): Promise<number> {
    return this.db.execute(
      tx,
      `DELETE FROM supply_levels s
        USING (SELECT l.tenant_id, l.id
                 FROM supply_levels l
                WHERE l.tenant_id = current_setting('app.tenant_id')::uuid
                  AND l.read_at < $1 AND coalesce(l.last_seen_at, l.read_at) < $1
                  AND l.read_at < (SELECT max(n.read_at) FROM supply_levels n
                                    WHERE n.tenant_id = l.tenant_id AND n.supply_id = l.supply_id)
                LIMIT $2) old
        WHERE s.tenant_id = old.tenant_id AND s.id = old.id`,
      [before, limit],
    );
  }

  /** Customers whose deletion was requested before `before`. */
  customersDueForDeletion(
    tx: Prisma.TransactionClient,
    before: Date,
  ): Promise<{ id: string; name: string; deletionRequestedAt: Date | null }[]> {
    return tx.customer.findMany({
      where: { deletionRequestedAt: { lt: before } },
      select: { id: true, name: true, deletionRequestedAt: true },
    });
  }

  /** At most `limit` rows of one of the customer's bulk tables (see CUSTOMER_BULK_TABLES). */
  deleteCustomerRows(
    tx: Prisma.TransactionClient,
    table: CustomerBulkTable,
    customerId: string,
    limit: number,
  ): Promise<number> {
    const key = table === 'upload_blobs' ? 'upload_id' : 'id';
    return this.db.execute(
      tx,
      `DELETE FROM ${table} t
        USING (SELECT tenant_id, ${key} FROM ${table}
                WHERE tenant_id = current_setting('app.tenant_id')::uuid AND customer_id = $1
                LIMIT $2) old
        WHERE t.tenant_id = old.tenant_id AND t.${key} = old.${key}`,
      [customerId, limit],
    );
  }

  /**
   * The customer row, its users and replenishment rules; the rest of what it owns (sites,
   * agents, devices, supplies, keys, policies…) goes with it by cascade. Its bulk tables must
   * be empty by now (`deleteCustomerRows`) so this is one short transaction.
   */
  async deleteCustomer(tx: Prisma.TransactionClient, customerId: string): Promise<void> {
    await tx.user.deleteMany({ where: { customerId } });
    await tx.replenishmentRule.deleteMany({ where: { customerId } });
    await tx.customer.deleteMany({ where: { id: customerId } });
  }
}

/**
 * A customer's tables that can hold many rows, emptied in batches before the customer row
 * goes, in an order the foreign keys allow (reads before the uploads they came in).
 */
export const CUSTOMER_BULK_TABLES = [
  'meter_read_reviews',
  'meter_discontinuities',
  'meter_reads',
  'supply_levels',
  'upload_blobs',
  'uploads',
  'commands',
  'alerts',
  'audit_events',
  'notification_messages',
  'notification_events',
  'agent_facts_snapshots',
] as const;
export type CustomerBulkTable = (typeof CUSTOMER_BULK_TABLES)[number];
