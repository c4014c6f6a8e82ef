import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { ReconciliationService } from './reconciliation.service.js';

export const RECONCILIATION_SWEEP_JOB = 'reconciliation.sweep';
export const RECONCILIATION_CHECK_JOB = 'reconciliation.check';

/** Daily (05:41 UTC): each active dealer tenant gets a job comparing its customers' reports. */
@Injectable()
export class ReconciliationJob implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(ReconciliationService) private readonly service: ReconciliationService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register<TenantJobData>({
      name: RECONCILIATION_CHECK_JOB,
      actor: 'reconciliation',
      retry: { retryLimit: 3, retryDelaySeconds: 600, backoff: true },
      handle: async () => {
        const announced = await this.service.checkForChanges();
        if (announced.length > 0)
          this.logger.info({ customers: announced.length }, 'reconciliation changed');
      },
    });
    await this.jobs.registerPeriodic({
      name: RECONCILIATION_SWEEP_JOB,
      cron: '41 5 * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** Explicit cross-tenant job: one check job per active dealer tenant and day. */
  async sweep(now = new Date()): Promise<number> {
    const tenantIds = await this.platformDb.activeDealerTenantIds();
    const day = now.toISOString().slice(0, 10);
    for (const tenantId of tenantIds)
      await this.jobs.send(
        RECONCILIATION_CHECK_JOB,
        { tenantId },
        { singletonKey: `reconciliation:${tenantId}:${day}` },
      );
    return tenantIds.length;
  }
}
