import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import {
  REPLENISHMENT_EVALUATE_JOB,
  REPLENISHMENT_SWEEP_JOB,
  ReplenishmentService,
} from './replenishment.service.js';

type EvaluateJobData = TenantJobData & { deviceId: string };

/** Evaluation jobs per device, and a sweep every 15 minutes for supplies that changed. */
@Injectable()
export class ReplenishmentWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(ReplenishmentService) private readonly replenishment: ReplenishmentService,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register<EvaluateJobData>({
      name: REPLENISHMENT_EVALUATE_JOB,
      actor: 'replenishment',
      retry: { retryLimit: 3, retryDelaySeconds: 30, backoff: true },
      handle: async (data) => {
        await this.replenishment.evaluateDevice(data.deviceId);
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
