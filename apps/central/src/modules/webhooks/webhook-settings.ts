import type { AppConfig } from '../../config/config.js';
import { AddressList } from '../../platform/http/address-list.js';
import type { JobRetry } from '../../platform/jobs/job-queue.js';
import { WebhookTargets } from './webhook-target.js';

export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
export const WEBHOOK_SWEEP_JOB = 'webhook.sweep';

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/**
 * Retries of a delivery job that failed as a whole (database unreachable): each delivery's
 * own retries are new jobs planned from its row (`WebhookSettings.retry`).
 */
export const WEBHOOK_JOB_RETRY: JobRetry = { retryLimit: 5, retryDelaySeconds: 10, backoff: true };

export type WebhookSettings = {
  /** Attempts after the first: delay × 2^n between attempts. */
  retry: JobRetry;
  firstAttemptDelaySeconds: number;
  requestTimeoutMs: number;
  /** Where deliveries may go (public addresses plus WEBHOOK_ALLOWED_TARGETS). */
  targets: WebhookTargets;
};

/**
 * Production: 12 retries from 30 s doubling (≈ 34 h in all). Tests: 1 s steps so a retry after
 * a 500 is seen within seconds.
 */
export function webhookSettingsFor(
  config: Pick<AppConfig, 'nodeEnv' | 'webhookAllowedTargets'>,
): WebhookSettings {
  const targets = new WebhookTargets(new AddressList(config.webhookAllowedTargets));
  return config.nodeEnv === 'test'
    ? {
        targets,
        retry: { retryLimit: 4, retryDelaySeconds: 1, backoff: true },
        firstAttemptDelaySeconds: 0,
        requestTimeoutMs: 5_000,
      }
    : {
        targets,
        retry: { retryLimit: 12, retryDelaySeconds: 30, backoff: true },
        firstAttemptDelaySeconds: 1,
        requestTimeoutMs: 10_000,
      };
}
