import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { NotificationPolicy as PolicyRow, Prisma } from '@prisma/client';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { eventView, subjectIdsOf } from './event-views.js';
import { quietHoursRelease } from './local-time.js';
import { renderEventMail, toLocale } from './message-catalogue.js';
import { NotificationJobs, type DispatchJobData } from './notification-jobs.js';
import {
  EVENT_RETENTION_MS,
  NOTIFICATION_DISPATCH_JOB,
  NOTIFICATION_JOB_RETRY,
} from './notification-settings.js';
import { NotificationsRepository } from './notifications.repository.js';
import { eventFacts, policyWants, recipientsFor } from './policy-match.js';

const JOB_TRANSACTION = { maxWait: 30_000, timeout: 30_000 };

/**
 * Turns recorded events into messages, one per event and address (the first policy that
 * names an address decides its wording): recipients resolved now (users by role, addresses),
 * quiet hours read in the device's or agent's site zone (else the policy's). A message inside
 * quiet hours is HELD until they end; the rest go to the send job at once.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(NotificationJobs) private readonly jobs: NotificationJobs,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.registerBatched<DispatchJobData>({
      name: NOTIFICATION_DISPATCH_JOB,
      actor: 'notifications',
      retry: NOTIFICATION_JOB_RETRY,
      handleBatch: async (batch) => {
        await this.dispatch(batch.flatMap((job) => job.eventIds));
      },
    });
  }

  /** Messages for the undispatched events among `eventIds`, in the current tenant context. */
  async dispatch(eventIds: readonly string[], now = new Date()): Promise<number> {
    if (eventIds.length === 0) return 0;
    const { tenantId } = tenantContext.get();
    const created = await this.db.run(async (tx) => {
      const events = await this.repository.claimEvents(tx, [...new Set(eventIds)], now);
      await this.repository.pruneEvents(tx, new Date(now.getTime() - EVENT_RETENTION_MS));
      if (events.length === 0) return [];
      const policies = await this.repository.enabledPolicies(tx, { mode: 'IMMEDIATE' });
      const users = await this.repository.activeUsers(tx, [
        ...new Set(policies.flatMap((policy) => policy.recipientRoles)),
      ]);
      const subjects = await this.repository.subjectsOf(tx, subjectIdsOf(events));
      const messages: Prisma.NotificationMessageCreateManyInput[] = [];
      for (const event of events) {
        const facts = eventFacts({
          type: event.eventType,
          data: event.data as Record<string, unknown>,
        });
        const addressed = new Set<string>();
        for (const policy of policies) {
          if (!policyWants(policy, facts)) continue;
          const view = eventView(event, subjects, policy.timeZone, (path) =>
            this.mailer.linkTo(path),
          );
          const release = releaseOf(policy, now, view.timeZone);
          const locale = toLocale(policy.locale);
          const mail = renderEventMail(locale, view, policy.name);
          for (const recipient of recipientsFor(policy, facts, users)) {
            if (addressed.has(recipient)) continue;
            addressed.add(recipient);
            messages.push({
              tenantId,
              customerId: event.customerId,
              eventId: event.id,
              eventType: event.eventType,
              policyId: policy.id,
              policyName: policy.name,
              recipient,
              locale,
              subject: mail.subject,
              content: { text: mail.text, html: mail.html },
              status: release > now ? 'HELD' : 'PENDING',
              nextAttemptAt: release,
            });
          }
        }
      }
      if (messages.length === 0) return [];
      return this.repository.createMessages(tx, messages);
    }, JOB_TRANSACTION);
    if (created.length > 0) this.jobs.queueSends(tenantId, created, now);
    return created.length;
  }
}

function releaseOf(policy: PolicyRow, now: Date, timeZone: string): Date {
  if (policy.quietStartMinute === null || policy.quietEndMinute === null) return now;
  return quietHoursRelease(
    now,
    { startMinute: policy.quietStartMinute, endMinute: policy.quietEndMinute },
    timeZone,
  );
}
