import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { RetentionService } from './retention.service.js';

export const RETENTION_SWEEP_JOB = 'retention.sweep';
export const RETENTION_ENFORCE_JOB = 'retention.enforce';

/**
 * Nightly (03:17 UTC): whole expired months of a partitioned meter_reads are dropped first,
 * then every active dealer tenant gets its own job that deletes the rest in batches.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(RetentionService) private readonly retention: RetentionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register<TenantJobData>({
      name: RETENTION_ENFORCE_JOB,
      actor: 'retention',
      retry: { retryLimit: 3, retryDelaySeconds: 600, backoff: true },
      handle: async () => {
        const result = await this.retention.enforce();
        this.logger.info({ ...result }, 'retention enforced');
      },
    });
    await this.jobs.registerPeriodic({
      name: RETENTION_SWEEP_JOB,
      cron: '17 3 * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** Explicit cross-tenant job: partitions past every tenant's retention, then one job per tenant. */
  async sweep(now = new Date()): Promise<{ partitions: string[]; tenants: number }> {
    const cutoff = new Date(now);
    cutoff.setUTCFullYear(
      cutoff.getUTCFullYear() - (await this.platformDb.longestReadingRetentionYears()),
    );
    const partitions = await this.platformDb.dropExpiredMeterReadPartitions(
      cutoff,
      RETENTION_SWEEP_JOB,
    );
    if (partitions.length > 0)
      this.logger.info({ partitions }, 'dropped expired meter read partitions');
    const tenantIds = await this.platformDb.activeDealerTenantIds();
    for (const tenantId of tenantIds)
      await this.jobs.send(
        RETENTION_ENFORCE_JOB,
        { tenantId },
        { singletonKey: `retention:${tenantId}` },
      );
    return { partitions, tenants: tenantIds.length };
  }
}
