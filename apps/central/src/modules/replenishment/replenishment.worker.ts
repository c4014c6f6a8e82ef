import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import {
  REPLENISHMENT_EVALUATE_JOB,
  REPLENISHMENT_SWEEP_JOB,
  ReplenishmentService,
  type EvaluateJobData,
} from './replenishment.service.js';

/** Evaluation jobs per upload, and a sweep every 15 minutes for supplies that changed. */
@Injectable()
export class ReplenishmentWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(ReplenishmentService) private readonly replenishment: ReplenishmentService,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.registerBatched<EvaluateJobData>({
      name: REPLENISHMENT_EVALUATE_JOB,
      actor: 'replenishment',
      retry: { retryLimit: 3, retryDelaySeconds: 30, backoff: true },
      // Uploads of one tenant fetched together: a device in several of them is evaluated once.
      handleBatch: async (batch) => {
        // A job queued by an older version (one device id) does nothing: the sweep covers it.
        await this.replenishment.evaluateDevices(
          batch.flatMap((job) => (Array.isArray(job.deviceIds) ? job.deviceIds : [])),
        );
      },
    });
    await this.jobs.registerPeriodic({
      name: REPLENISHMENT_SWEEP_JOB,
      cron: '*/15 * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** Explicit cross-tenant job: queue an evaluation for every device whose supplies changed lately. */
  async sweep(since = new Date(Date.now() - 20 * 60_000)): Promise<number> {
    const changed = await this.platformDb.changedSupplyDevicesSince(since);
    let devices = 0;
    for (const { tenantId, ids } of changed) {
      await this.replenishment.enqueueEvaluation(tenantId, ids);
      devices += ids.length;
    }
    return devices;
  }
}
