import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { postWebhook } from './webhook-http.js';
import { webhookHeaders } from './webhook-signature.js';
import { WebhookTargetRefusedError } from './webhook-target.js';
import {
  WEBHOOK_DELIVER_JOB,
  WEBHOOK_SETTINGS,
  WEBHOOK_SWEEP_JOB,
  type WebhookSettings,
} from './webhook-settings.js';
import { WebhookSecretBox } from './webhook-secret-box.js';
import { WebhookDeliveryFailedError, WebhookDeliveryNotVisibleError } from './webhooks.errors.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

export type DeliverJobData = TenantJobData & { deliveryId: string };
export type DeliveryOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

/** Overdue this long past its planned attempt, a pending delivery is queued again. */
const LOST_AFTER_MS = 5 * 60_000;
/** Re-queued per sweep at most; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/**
 * POSTs one delivery, signed (Standard Webhooks). A non-2xx answer or a network error counts
 * an attempt and throws, so pg-boss retries with exponential backoff; after the last retry the
 * delivery is FAILED. Every attempt is visible in the delivery log.
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
    await this.jobs.register<DeliverJobData>({
      name: WEBHOOK_DELIVER_JOB,
      actor: 'webhooks',
      retry: this.settings.retry,
      handle: async (data) => {
        const outcome = await this.deliver(data.deliveryId);
        if (outcome === 'retry')
          throw new WebhookDeliveryFailedError(`delivery ${data.deliveryId} will be retried`);
      },
    });
    await this.jobs.registerPeriodic({
      name: WEBHOOK_SWEEP_JOB,
      cron: '* * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** One attempt, in the current tenant context. */
  async deliver(deliveryId: string, now = new Date()): Promise<DeliveryOutcome> {
    const row = await this.db.run((tx) => this.repository.findDelivery(tx, deliveryId));
    if (!row) throw new WebhookDeliveryNotVisibleError(deliveryId);
    if (row.status !== 'PENDING') return 'skipped';
    const attempt = row.attempt + 1;
    if (!row.endpoint.enabled) {
      await this.db.run((tx) =>
        this.repository.updateDelivery(tx, row.id, {
          status: 'FAILED',
          attempt,
          lastError: 'endpoint disabled',
          lastAttemptAt: now,
          nextAttemptAt: null,
        }),
      );
      return 'failed';
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
      await this.db.run((tx) =>
        this.repository.updateDelivery(tx, row.id, {
          status: 'SUCCEEDED',
          attempt,
          responseCode,
          lastError: null,
          lastAttemptAt: now,
          deliveredAt: now,
          nextAttemptAt: null,
        }),
      );
      return 'succeeded';
    }
    const final = attempt > this.settings.retry.retryLimit;
    const delayMs =
      this.settings.retry.retryDelaySeconds *
      1000 *
      (this.settings.retry.backoff ? 2 ** (attempt - 1) : 1);
    await this.db.run((tx) =>
      this.repository.updateDelivery(tx, row.id, {
        status: final ? 'FAILED' : 'PENDING',
        attempt,
        responseCode,
        lastError: error,
        lastAttemptAt: now,
        nextAttemptAt: final ? null : new Date(now.getTime() + delayMs),
      }),
    );
    this.logger.info(
      { deliveryId: row.id, attempt, responseCode, final },
      'webhook delivery failed',
    );
    return final ? 'failed' : 'retry';
  }

  /** Explicit cross-tenant job: re-queue pending deliveries whose job got lost. */
  async sweep(now = new Date()): Promise<number> {
    const lost = await this.platformDb.lostWebhookDeliveries(
      new Date(now.getTime() - LOST_AFTER_MS),
      SWEEP_BATCH,
    );
    for (const delivery of lost) this.webhooks.queueDelivery(delivery.tenantId, delivery.id, 0);
    return lost.length;
  }
}
