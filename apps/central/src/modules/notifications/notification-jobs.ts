import { Inject, Injectable } from '@nestjs/common';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import {
  MESSAGES_PER_JOB,
  NOTIFICATION_DISPATCH_JOB,
  NOTIFICATION_JOB_RETRY,
  NOTIFICATION_SEND_JOB,
} from './notification-settings.js';

export type DispatchJobData = TenantJobData & { eventIds: string[] };
export type SendJobData = TenantJobData & { messageIds: string[] };

/**
 * Publishes notification jobs. Never throws (it runs after commits): a job that could not be
 * queued is the sweep's, which finds undispatched events and due messages in the tables.
 */
@Injectable()
export class NotificationJobs {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  queueDispatch(tenantId: string, eventIds: readonly string[]): void {
    for (let i = 0; i < eventIds.length; i += MESSAGES_PER_JOB) {
      const ids = eventIds.slice(i, i + MESSAGES_PER_JOB);
      this.jobs
        .send<DispatchJobData>(
          NOTIFICATION_DISPATCH_JOB,
          { tenantId, eventIds: ids },
          { retry: NOTIFICATION_JOB_RETRY },
        )
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error },
            'could not queue notification dispatch (the sweep will)',
          ),
        );
    }
  }

  /** One job per due time (held messages wait for the end of their quiet hours). */
  queueSends(
    tenantId: string,
    messages: readonly { id: string; nextAttemptAt: Date | null }[],
    now: Date,
  ): void {
    const byDelay = new Map<number, string[]>();
    for (const message of messages) {
      const delay = Math.max(
        0,
        Math.ceil(((message.nextAttemptAt?.getTime() ?? now.getTime()) - now.getTime()) / 1000),
      );
      byDelay.set(delay, [...(byDelay.get(delay) ?? []), message.id]);
    }
    for (const [startAfterSeconds, ids] of byDelay) {
      for (let i = 0; i < ids.length; i += MESSAGES_PER_JOB) {
        const messageIds = ids.slice(i, i + MESSAGES_PER_JOB);
        this.jobs
          .send<SendJobData>(
            NOTIFICATION_SEND_JOB,
            { tenantId, messageIds },
            { startAfterSeconds, retry: NOTIFICATION_JOB_RETRY },
          )
          .catch((error: unknown) =>
            this.logger.warn(
              { err: error },
              'could not queue notification e-mails (the sweep will)',
            ),
          );
      }
    }
  }
}
