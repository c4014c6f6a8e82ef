import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type {
  Prisma,
  WebhookDelivery as DeliveryRow,
  WebhookEndpoint as EndpointRow,
} from '@prisma/client';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { postWebhook } from './webhook-http.js';
import { webhookHeaders } from './webhook-signature.js';
import { WebhookTargetRefusedError } from './webhook-target.js';
import {
  WEBHOOK_DELIVER_JOB,
  WEBHOOK_JOB_RETRY,
  WEBHOOK_SETTINGS,
  WEBHOOK_SWEEP_JOB,
  type WebhookSettings,
} from './webhook-settings.js';
import { WebhookSecretBox } from './webhook-secret-box.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService, type DeliverJobData } from './webhooks.service.js';

export type DeliveryOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

/** Overdue this long past its planned attempt, a pending delivery is queued again. */
const LOST_AFTER_MS = 5 * 60_000;
/** Re-queued per sweep at most; the next sweep takes the rest. */
const SWEEP_BATCH = 500;
const JOB_TRANSACTION = { maxWait: 30_000, timeout: 30_000 };
/** Requests in flight per batch of deliveries. */
const CONCURRENT_POSTS = 8;

type ClaimedDelivery = DeliveryRow & { endpoint: EndpointRow };
type AttemptResult = {
  row: ClaimedDelivery;
  outcome: Exclude<DeliveryOutcome, 'skipped'>;
  update: Prisma.WebhookDeliveryUpdateManyMutationInput;
  retryAfterSeconds: number;
};

/**
 * POSTs deliveries, signed (Standard Webhooks), a batch per job. Each delivery is claimed
 * before its request, so it goes out once even when two jobs hold it. A non-2xx answer or a
 * network error counts an attempt and plans the next one from the delivery's own count
 * (delay × 2^n, a new job); after the last retry the delivery is FAILED. Every attempt is
 * visible in the delivery log.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
    @Inject(WebhookSecretBox) private readonly secrets: WebhookSecretBox,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.registerBatched<DeliverJobData>({
      name: WEBHOOK_DELIVER_JOB,
      actor: 'webhooks',
      retry: WEBHOOK_JOB_RETRY,
      handleBatch: async (batch) => {
        // A job queued by an older version (one delivery id) does nothing: the sweep re-queues it.
        await this.deliverMany(
          batch.flatMap((job) => (Array.isArray(job.deliveryIds) ? job.deliveryIds : [])),
        );
      },
    });
    await this.jobs.registerPeriodic({
      name: WEBHOOK_SWEEP_JOB,
      cron: '* * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** One attempt of one delivery, in the current tenant context. */
  async deliver(deliveryId: string, now = new Date()): Promise<DeliveryOutcome> {
    return (await this.deliverMany([deliveryId], now)).get(deliveryId) ?? 'skipped';
  }

  /**
   * One attempt of each due delivery among `ids`, in the current tenant context; deliveries
   * not pending, not yet due or held by another job are skipped (absent from the result).
   */
  async deliverMany(
    ids: readonly string[],
    now = new Date(),
  ): Promise<Map<string, DeliveryOutcome>> {
    if (ids.length === 0) return new Map();
    const leaseUntil = new Date(now.getTime() + this.settings.requestTimeoutMs + 60_000);
    const claimed = await this.db.run(
      (tx) => this.repository.claimDeliveries(tx, [...new Set(ids)], now, leaseUntil),
      JOB_TRANSACTION,
    );
    const results: AttemptResult[] = [];
    let next = 0;
    const post = async (): Promise<void> => {
      while (next < claimed.length) {
        const row = claimed[next++]!;
        results.push(await this.attempt(row, now));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_POSTS, claimed.length) }, post));
    if (results.length === 0) return new Map();

    // Waits for a connection in a burst: a lost result would send the delivery again later.
    await this.db.run(async (tx) => {
      for (const result of results)
        await this.repository.updateDelivery(tx, result.row.id, result.update);
    }, JOB_TRANSACTION);
    const { tenantId } = tenantContext.get();
    // Retries after the same number of attempts share their delay, and so their jobs.
    const retries = new Map<number, ClaimedDelivery[]>();
    for (const result of results) {
      if (result.outcome !== 'retry') continue;
      const seconds = result.retryAfterSeconds;
      retries.set(seconds, [...(retries.get(seconds) ?? []), result.row]);
    }
    for (const [seconds, rows] of retries) this.webhooks.queueDeliveries(tenantId, rows, seconds);
    return new Map(results.map((result) => [result.row.id, result.outcome]));
  }

  private async attempt(row: ClaimedDelivery, now: Date): Promise<AttemptResult> {
    const attempt = row.attempt + 1;
    if (!row.endpoint.enabled) {
      return {
        row,
        outcome: 'failed',
        retryAfterSeconds: 0,
        update: {
          status: 'FAILED',
          attempt,
          lastError: 'endpoint disabled',
          lastAttemptAt: now,
          nextAttemptAt: null,
        },
      };
    }

    const body = JSON.stringify(row.payload);
    const headers = webhookHeaders(
      this.secrets.open(row.endpoint.secretEncrypted),
      row.eventId,
      Math.floor(now.getTime() / 1000),
      body,
    );
    let responseCode: number | null = null;
    let error: string | null = null;
    try {
      responseCode = await postWebhook(this.settings.targets, {
        url: row.endpoint.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Printbeat-Webhooks/1',
          ...headers,
        },
        body,
        timeoutMs: this.settings.requestTimeoutMs,
      });
      if (responseCode < 200 || responseCode >= 300) error = `HTTP ${responseCode}`;
    } catch (caught) {
      error =
        caught instanceof Error
          ? `${caught instanceof WebhookTargetRefusedError ? 'refused' : caught.name}: ${caught.message}`.slice(
              0,
              500,
            )
          : 'request failed';
    }

    if (error === null) {
      return {
        row,
        outcome: 'succeeded',
        retryAfterSeconds: 0,
        update: {
          status: 'SUCCEEDED',
          attempt,
          responseCode,
          lastError: null,
          lastAttemptAt: now,
          deliveredAt: now,
          nextAttemptAt: null,
        },
      };
    }
    const { retry } = this.settings;
    const final = attempt > retry.retryLimit;
    const delaySeconds = retry.retryDelaySeconds * (retry.backoff ? 2 ** (attempt - 1) : 1);
    this.logger.info(
      { deliveryId: row.id, attempt, responseCode, final },
      'webhook delivery failed',
    );
    return {
      row,
      outcome: final ? 'failed' : 'retry',
      retryAfterSeconds: delaySeconds,
      update: {
        status: final ? 'FAILED' : 'PENDING',
        attempt,
        responseCode,
        lastError: error,
        lastAttemptAt: now,
        nextAttemptAt: final ? null : new Date(now.getTime() + delaySeconds * 1000),
      },
    };
  }

  /** Explicit cross-tenant job: re-queue pending deliveries whose job got lost. */
  async sweep(now = new Date()): Promise<number> {
    const lost = await this.platformDb.lostWebhookDeliveries(
      new Date(now.getTime() - LOST_AFTER_MS),
      SWEEP_BATCH,
    );
    const byTenant = new Map<string, typeof lost>();
    for (const delivery of lost)
      byTenant.set(delivery.tenantId, [...(byTenant.get(delivery.tenantId) ?? []), delivery]);
    for (const [tenantId, deliveries] of byTenant)
      this.webhooks.queueDeliveries(tenantId, deliveries, 0);
    return lost.length;
  }
}
