import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { RetentionSettings } from './retention-cutoffs.js';

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
      select: { uploadRetentionDays: true, readingRetentionYears: true, auditRetentionYears: true },
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
      select: { uploadRetentionDays: true, readingRetentionYears: true, auditRetentionYears: true },
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
   * the start of its next billing period) and reads an open discontinuity points at (still to
   * be reviewed). Closed discontinuities go with their reads.
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
}
