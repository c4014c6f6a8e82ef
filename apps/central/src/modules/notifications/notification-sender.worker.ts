import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { NotificationMessage as MessageRow, Prisma } from '@prisma/client';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { MailDeliveryError, MailNotConfiguredError, Mailer } from '../../platform/mail/mailer.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { NotificationJobs, type SendJobData } from './notification-jobs.js';
import {
  EVENT_LOST_AFTER_MS,
  MESSAGE_LEASE_MS,
  MESSAGE_RETRY_DELAY_SECONDS,
  MESSAGE_RETRY_LIMIT,
  NOTIFICATION_JOB_RETRY,
  NOTIFICATION_SEND_JOB,
  NOTIFICATION_SWEEP_JOB,
} from './notification-settings.js';
import { NotificationsRepository } from './notifications.repository.js';

export type SendOutcome = 'sent' | 'retry' | 'failed';

const JOB_TRANSACTION = { maxWait: 30_000, timeout: 30_000 };
const SWEEP_BATCH = 500;

/**
 * Sends messages, a batch per job, one e-mail per message. Each message is claimed before it
 * is sent, so it goes out once even when two jobs hold it. A server that cannot be reached or
 * says "try later" (4xx) counts an attempt and plans the next (delay × 2^n, a new job) until
 * the retry limit; a permanent refusal (5xx) fails the message at once. Every attempt is in
 * the delivery log.
 */
@Injectable()
export class NotificationSenderWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(NotificationJobs) private readonly jobs: NotificationJobs,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.registerBatched<SendJobData>({
      name: NOTIFICATION_SEND_JOB,
      actor: 'notifications',
      retry: NOTIFICATION_JOB_RETRY,
      handleBatch: async (batch) => {
        await this.sendMany(batch.flatMap((job) => job.messageIds));
      },
    });
    await this.queue.registerPeriodic({
      name: NOTIFICATION_SWEEP_JOB,
      cron: '* * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /**
   * One attempt of each due message among `ids`, in the current tenant context; messages not
   * due (held, planned later, claimed by another job) or already final are left out.
   */
  async sendMany(ids: readonly string[], now = new Date()): Promise<Map<string, SendOutcome>> {
    if (ids.length === 0) return new Map();
    const claimed = await this.db.run(
      (tx) =>
        this.repository.claimMessages(
          tx,
          [...new Set(ids)],
          now,
          new Date(now.getTime() + MESSAGE_LEASE_MS),
        ),
      JOB_TRANSACTION,
    );
    if (claimed.length === 0) return new Map();
    const results: {
      row: MessageRow;
      outcome: SendOutcome;
      update: Prisma.NotificationMessageUpdateManyMutationInput;
    }[] = [];
    for (const row of claimed) results.push({ row, ...(await this.attempt(row, now)) });
    await this.db.run(async (tx) => {
      for (const result of results)
        await this.repository.updateMessage(tx, result.row.id, result.update);
    }, JOB_TRANSACTION);
    const retries = results
      .filter((result) => result.outcome === 'retry')
      .map((result) => ({ id: result.row.id, nextAttemptAt: result.update.nextAttemptAt as Date }));
    if (retries.length > 0) this.jobs.queueSends(tenantContext.get().tenantId, retries, now);
    return new Map(results.map((result) => [result.row.id, result.outcome]));
  }

  private async attempt(
    row: MessageRow,
    now: Date,
  ): Promise<{ outcome: SendOutcome; update: Prisma.NotificationMessageUpdateManyMutationInput }> {
    const attempts = row.attempts + 1;
    const content = row.content as { text?: string; html?: string };
    try {
      await this.mailer.send({
        to: [row.recipient],
        subject: row.subject ?? 'Printbeat',
        text: content.text ?? '',
        ...(content.html ? { html: content.html } : {}),
        headers: { 'X-Printbeat-Message': row.id },
      });
      return {
        outcome: 'sent',
        update: { status: 'SENT', attempts, lastError: null, sentAt: now, nextAttemptAt: null },
      };
    } catch (error) {
      const permanent =
        error instanceof MailNotConfiguredError ||
        (error instanceof MailDeliveryError && error.permanent);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const final = permanent || attempts > MESSAGE_RETRY_LIMIT;
      this.logger.info(
        { messageId: row.id, attempts, permanent, final },
        'notification e-mail not sent',
      );
      if (final)
        return {
          outcome: 'failed',
          update: { status: 'FAILED', attempts, lastError: message, nextAttemptAt: null },
        };
      const delayMs = MESSAGE_RETRY_DELAY_SECONDS * 1000 * 2 ** (attempts - 1);
      return {
        outcome: 'retry',
        update: {
          status: 'PENDING',
          attempts,
          lastError: message,
          nextAttemptAt: new Date(now.getTime() + delayMs),
        },
      };
    }
  }

  /**
   * Explicit cross-tenant job: dispatches events whose job got lost and queues messages that
   * are due (quiet hours over, retries whose job got lost).
   */
  async sweep(now = new Date()): Promise<{ events: number; messages: number }> {
    const events = await this.platformDb.undispatchedNotificationEvents(
      new Date(now.getTime() - EVENT_LOST_AFTER_MS),
      SWEEP_BATCH,
    );
    for (const [tenantId, rows] of groupByTenant(events))
      this.jobs.queueDispatch(
        tenantId,
        rows.map((row) => row.id),
      );
    const messages = await this.platformDb.dueNotificationMessages(now, SWEEP_BATCH);
    for (const [tenantId, rows] of groupByTenant(messages))
      this.jobs.queueSends(tenantId, rows, now);
    return { events: events.length, messages: messages.length };
  }
}

function groupByTenant<T extends { tenantId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.tenantId, [...(groups.get(row.tenantId) ?? []), row]);
  return groups;
}
