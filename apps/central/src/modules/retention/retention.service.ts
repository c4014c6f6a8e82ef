import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { NotFoundError } from '../../platform/errors/domain.errors.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { RetentionSettings } from '@printbeat/domain';
import { retentionCutoffs } from './retention-cutoffs.js';
import { CUSTOMER_BULK_TABLES, RetentionRepository } from './retention.repository.js';

/** Rows one retention statement deletes at most. */
export const RETENTION_BATCH_SIZE = 5_000;
/** Export files at most per statement: each holds a whole CSV, megabytes for a large fleet. */
export const EXPORT_FILE_BATCH_SIZE = 50;

export type RetentionResult = {
  uploadArchives: number;
  meterReads: number;
  supplyLevels: number;
  auditEvents: number;
  exportFiles: number;
  /** Customers deleted after their grace period. */
  customers: number;
};

@Injectable()
export class RetentionService {
  constructor(
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(RetentionRepository) private readonly repository: RetentionRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  settings(): Promise<RetentionSettings> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const settings = await this.repository.settings(tx, tenantId);
      if (!settings) throw new NotFoundError('Tenant', tenantId);
      return settings;
    });
  }

  updateSettings(changes: Partial<RetentionSettings>): Promise<RetentionSettings> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const settings = await this.repository.updateSettings(tx, tenantId, changes);
      await this.audit.record(tx, {
        action: 'retention.update',
        targetType: 'tenant',
        targetId: tenantId,
        details: { ...settings },
      });
      return settings;
    });
  }

  /**
   * Deletes the current tenant's data past its retention, batch by batch (each batch its own
   * short transaction), and leaves one audit event with the counts.
   */
  async enforce(now = new Date(), batchSize = RETENTION_BATCH_SIZE): Promise<RetentionResult> {
    const { tenantId } = tenantContext.get();
    const settings = await this.db.run((tx) => this.repository.settings(tx, tenantId));
    if (!settings)
      return {
        uploadArchives: 0,
        meterReads: 0,
        supplyLevels: 0,
        auditEvents: 0,
        exportFiles: 0,
        customers: 0,
      };
    const cutoffs = retentionCutoffs(settings, now);
    const drain = async (
      step: (tx: Prisma.TransactionClient) => Promise<number>,
      limit = batchSize,
    ): Promise<number> => {
      let total = 0;
      for (;;) {
        const deleted = await this.db.run(step);
        total += deleted;
        if (deleted < limit) return total;
      }
    };
    const exportFileBatchSize = Math.min(batchSize, EXPORT_FILE_BATCH_SIZE);
    const result: RetentionResult = {
      uploadArchives: await drain((tx) =>
        this.repository.deleteUploadBlobs(tx, cutoffs.uploads, batchSize),
      ),
      meterReads: await drain((tx) =>
        this.repository.deleteMeterReads(tx, cutoffs.readings, batchSize),
      ),
      supplyLevels: await drain((tx) =>
        this.repository.deleteSupplyLevels(tx, cutoffs.readings, batchSize),
      ),
      auditEvents: await drain((tx) =>
        this.repository.deleteAuditEvents(tx, cutoffs.audit, batchSize),
      ),
      exportFiles: await drain(
        (tx) => this.repository.deleteExportFiles(tx, cutoffs.exportFiles, exportFileBatchSize),
        exportFileBatchSize,
      ),
      customers: await this.deleteDueCustomers(cutoffs.customerDeletions, drain, batchSize),
    };
    if (Object.values(result).some((count) => count > 0)) {
      await this.db.run((tx) =>
        this.audit.record(tx, {
          action: 'retention.enforce',
          targetType: 'tenant',
          targetId: tenantId,
          details: {
            ...result,
            uploadsBefore: cutoffs.uploads.toISOString(),
            readingsBefore: cutoffs.readings.toISOString(),
            auditBefore: cutoffs.audit.toISOString(),
            exportFilesBefore: cutoffs.exportFiles.toISOString(),
          },
        }),
      );
    }
    return result;
  }

  /**
   * Customers whose deletion request is older than the grace period: their bulk tables batch
   * by batch, then the customer with everything else it owns, each with an audit event.
   */
  private async deleteDueCustomers(
    requestedBefore: Date,
    drain: (step: (tx: Prisma.TransactionClient) => Promise<number>) => Promise<number>,
    batchSize: number,
  ): Promise<number> {
    const due = await this.db.run((tx) =>
      this.repository.customersDueForDeletion(tx, requestedBefore),
    );
    for (const customer of due) {
      const rows: Record<string, number> = {};
      for (const table of CUSTOMER_BULK_TABLES)
        rows[table] = await drain((tx) =>
          this.repository.deleteCustomerRows(tx, table, customer.id, batchSize),
        );
      await this.db.run(async (tx) => {
        await this.repository.deleteCustomer(tx, customer.id);
        await this.audit.record(tx, {
          action: 'customer.delete',
          targetType: 'customer',
          targetId: customer.id,
          details: {
            name: customer.name,
            requestedAt: customer.deletionRequestedAt?.toISOString() ?? null,
            rows,
          },
        });
      });
    }
    return due.length;
  }
}
