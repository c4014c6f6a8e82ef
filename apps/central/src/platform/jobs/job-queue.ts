import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { DatabaseHandle } from '../database/database.js';
import { LOGGER, type Logger } from '../logging/logger.js';
import { DATABASE_HANDLE } from '../prisma/database-handle.token.js';
import { tenantContext, type TenantContext } from '../tenancy/tenant-context.js';

/** Every job names the tenant it acts for; the worker enters that tenant's context. */
export type TenantJobData = { tenantId: string };

export type JobRetry = { retryLimit: number; retryDelaySeconds: number; backoff: boolean };

export type JobDefinition<T extends TenantJobData> = {
  name: string;
  /** The actor the job's audit records and row-level security see. */
  actor: string;
  retry?: JobRetry;
  /** Runs inside `tenantContext.run({ tenantId, actor: system })`: use TenantPrisma as usual. */
  handle: (data: T) => Promise<void>;
};

/**
 * A tenant job whose jobs are worked in batches: each worker fetches up to `JOB_BATCH_SIZE`
 * jobs, and the jobs of one tenant among them reach `handleBatch` together (one context, one
 * pass over their union). Jobs of a failed batch fail together and are retried with backoff.
 */
export type BatchJobDefinition<T extends TenantJobData> = {
  name: string;
  actor: string;
  retry?: JobRetry;
  handleBatch: (batch: readonly T[]) => Promise<void>;
};

export type PeriodicJob = {
  name: string;
  /** Cron, minute resolution (pg-boss schedules). */
  cron: string;
  /** Cross-tenant: finds the tenants with work and usually fans out per-tenant jobs. */
  handle: () => Promise<void>;
};

/**
 * The one pg-boss instance of this process (PostgreSQL-backed queue, `JOB_QUEUE_SCHEMA`, owner
 * connection: the app role may not create schemas). Workers run with no tenant bound; each
 * tenant job re-enters its tenant's context, so row-level security applies to its work exactly
 * as to a request.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly boss: PgBoss;
  private readonly workers: number;
  private readonly batchSize: number;
  private started: Promise<void> | null = null;
  private readonly queues = new Set<string>();
  private queueSetup: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(DATABASE_HANDLE) handle: DatabaseHandle,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.workers = config.jobWorkers;
    this.batchSize = config.jobBatchSize;
    this.boss = new PgBoss({
      connectionString: handle.ownerUrl,
      schema: config.jobQueueSchema,
      // A fetch and a complete per batched worker, plus periodic workers, sends and maintenance.
      max: jobQueuePoolSize(config.jobWorkers),
      application_name: 'printbeat-jobs',
      // Completed jobs are kept a day for diagnosis, then archived by pg-boss maintenance.
      archiveCompletedAfterSeconds: 86_400,
    });
    this.boss.on('error', (error: unknown) => this.logger.warn({ err: error }, 'job queue error'));
  }

  onModuleInit(): Promise<void> {
    return this.start();
  }

  start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  /** Before the database clients close: running jobs get 5 s to finish, then are failed (and retried later). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.stopped || !this.started) return;
    this.stopped = true;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }

  /**
   * Creates or updates a queue once per process. Calls are serialised here, and a clash with
   * another process doing the same at the same moment (replicas or test apps starting together:
   * pg-boss creates a table partition per queue, so concurrent creation can deadlock) is retried.
   */
  private async ensureQueue(name: string, retry?: JobRetry): Promise<void> {
    await this.start();
    if (this.queues.has(name)) return;
    const next = this.queueSetup.then(() => this.createOrUpdateQueue(name, retry));
    this.queueSetup = next.catch(() => undefined);
    await next;
  }

  private async createOrUpdateQueue(name: string, retry?: JobRetry): Promise<void> {
    if (this.queues.has(name)) return;
    const options = retry
      ? {
          retryLimit: retry.retryLimit,
          retryDelay: retry.retryDelaySeconds,
          retryBackoff: retry.backoff,
        }
      : {};
    await retryOnSchemaClash(async () => {
      const existing = await this.boss.getQueue(name);
      if (existing) await this.boss.updateQueue(name, { name, ...options });
      else await this.boss.createQueue(name, { name, ...options });
    });
    this.queues.add(name);
  }

  /** Starts a worker for a tenant job. */
  async register<T extends TenantJobData>(definition: JobDefinition<T>): Promise<void> {
    await this.ensureQueue(definition.name, definition.retry);
    await this.boss.work<T>(
      definition.name,
      { pollingIntervalSeconds: 0.5, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) {
          const context: TenantContext = {
            tenantId: job.data.tenantId,
            customerId: null,
            actor: { kind: 'system', name: definition.actor },
          };
          await tenantContext.run(context, () => definition.handle(job.data));
        }
      },
    );
  }

  /** Starts `JOB_WORKERS` workers for a batched tenant job. */
  async registerBatched<T extends TenantJobData>(definition: BatchJobDefinition<T>): Promise<void> {
    await this.ensureQueue(definition.name, definition.retry);
    const work = async (jobs: PgBoss.Job<T>[]): Promise<void> => {
      for (const [tenantId, ofTenant] of groupByTenant(jobs)) {
        const context: TenantContext = {
          tenantId,
          customerId: null,
          actor: { kind: 'system', name: definition.actor },
        };
        try {
          await tenantContext.run(context, () =>
            definition.handleBatch(ofTenant.map((job) => job.data)),
          );
        } catch (error) {
          // Only this tenant's jobs fail (pg-boss then completes the rest of the fetch).
          await this.boss
            .fail(
              definition.name,
              ofTenant.map((job) => job.id),
            )
            .catch((failure: unknown) =>
              this.logger.warn({ err: failure, queue: definition.name }, 'could not fail jobs'),
            );
          this.logger.warn({ err: error, queue: definition.name, tenantId }, 'job batch failed');
        }
      }
    };
    for (let i = 0; i < this.workers; i++)
      await this.boss.work<T>(
        definition.name,
        { pollingIntervalSeconds: 0.5, batchSize: this.batchSize },
        work,
      );
  }

  /** Starts a worker and a cron schedule for a periodic cross-tenant job. */
  async registerPeriodic(job: PeriodicJob): Promise<void> {
    await this.ensureQueue(job.name);
    await this.boss.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
      await job.handle();
    });
    await retryOnSchemaClash(() =>
      this.boss.schedule(job.name, job.cron, {}, { singletonKey: job.name }),
    );
  }

  /**
   * Queues a tenant job. `singletonKey` collapses duplicates while one is queued (e.g. one
   * replenishment evaluation per device); `startAfterSeconds` debounces bursts.
   */
  async send<T extends TenantJobData>(
    name: string,
    data: T,
    options: { singletonKey?: string; startAfterSeconds?: number; retry?: JobRetry } = {},
  ): Promise<string | null> {
    await this.ensureQueue(name, options.retry);
    return this.boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      ...(options.retry
        ? {
            retryLimit: options.retry.retryLimit,
            retryDelay: options.retry.retryDelaySeconds,
            retryBackoff: options.retry.backoff,
          }
        : {}),
    });
  }
}

/** Connections of the pg-boss pool for `workers` workers on each of the two batched queues. */
function jobQueuePoolSize(workers: number): number {
  return 2 * 2 * workers + 4;
}

function groupByTenant<T extends TenantJobData>(jobs: readonly PgBoss.Job<T>[]) {
  const groups = new Map<string, PgBoss.Job<T>[]>();
  for (const job of jobs) {
    const group = groups.get(job.data.tenantId);
    if (group) group.push(job);
    else groups.set(job.data.tenantId, [job]);
  }
  return groups;
}

/** PostgreSQL errors of two processes setting up the same queue at once: worth another try. */
const SCHEMA_CLASH_CODES = new Set(['40P01', '40001', '23505', '42P07']);

async function retryOnSchemaClash<T>(operation: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !SCHEMA_CLASH_CODES.has(code))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}
