import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { previousMonth } from './billing-month.js';
import { BillingExportsService } from './billing-exports.service.js';

export const BILLING_EXPORT_SWEEP_JOB = 'billing-exports.sweep';
export const BILLING_EXPORT_RUN_JOB = 'billing-exports.run';

/**
 * Hourly: every tenant whose schedule's day has come gets a job that makes the previous
 * month's export (once) and e-mails it (once); mail failures are retried with backoff.
 */
@Injectable()
export class BillingExportsJob implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(BillingExportsService) private readonly exports: BillingExportsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register<TenantJobData>({
      name: BILLING_EXPORT_RUN_JOB,
      actor: 'billing-exports',
      retry: { retryLimit: 5, retryDelaySeconds: 300, backoff: true },
      handle: async () => {
        const file = await this.exports.runScheduled();
        if (file) this.logger.info({ fileId: file.id, mailedAt: file.mailedAt }, 'billing export');
      },
    });
    await this.jobs.registerPeriodic({
      name: BILLING_EXPORT_SWEEP_JOB,
      cron: '23 * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** Explicit cross-tenant job: one run job per tenant whose export day has come. */
  async sweep(now = new Date()): Promise<number> {
    const tenantIds = await this.platformDb.tenantsWithBillingExportDue(now.getUTCDate());
    const month = previousMonth(now).from.toISOString().slice(0, 7);
    for (const tenantId of tenantIds)
      await this.jobs.send(
        BILLING_EXPORT_RUN_JOB,
        { tenantId },
        { singletonKey: `billing-export:${tenantId}:${month}` },
      );
    return tenantIds.length;
  }
}
