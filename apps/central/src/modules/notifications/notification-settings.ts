import type { JobRetry } from '../../platform/jobs/job-queue.js';

export const NOTIFICATION_DISPATCH_JOB = 'notifications.dispatch';
export const NOTIFICATION_SEND_JOB = 'notifications.send';
export const NOTIFICATION_DIGEST_JOB = 'notifications.digest-tenant';
export const NOTIFICATION_SWEEP_JOB = 'notifications.sweep';
export const NOTIFICATION_DIGEST_SWEEP_JOB = 'notifications.digest-sweep';

/** A job that failed as a whole (database unavailable) is retried by the queue. */
export const NOTIFICATION_JOB_RETRY: JobRetry = {
  retryLimit: 5,
  retryDelaySeconds: 30,
  backoff: true,
};

/** Attempts of one message after its first, when the server could not be reached or said "later". */
export const MESSAGE_RETRY_LIMIT = 4;
/** Delay before retry n (1-based): base × 2^(n-1). */
export const MESSAGE_RETRY_DELAY_SECONDS = 60;
/** A claimed message is not claimed again for this long (the send's own time-outs are shorter). */
export const MESSAGE_LEASE_MS = 2 * 60_000;
/** Events are kept this long for digests and diagnosis. */
export const EVENT_RETENTION_MS = 3 * 24 * 3_600_000;
/** An event not dispatched this long after it occurred is dispatched by the sweep. */
export const EVENT_LOST_AFTER_MS = 2 * 60_000;
export const MESSAGES_PER_JOB = 50;
