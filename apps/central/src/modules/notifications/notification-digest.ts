import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { eventView, subjectIdsOf } from './event-views.js';
import { latestLocalHour } from './local-time.js';
import { renderDigestMail, toLocale, type EventView } from './message-catalogue.js';
import { NotificationJobs } from './notification-jobs.js';
import {
  EVENT_RETENTION_MS,
  NOTIFICATION_DIGEST_JOB,
  NOTIFICATION_DIGEST_SWEEP_JOB,
  NOTIFICATION_JOB_RETRY,
} from './notification-settings.js';
import { NotificationsRepository } from './notifications.repository.js';
import { eventFacts, policyWants, recipientsFor } from './policy-match.js';

const DAY_MS = 24 * 3_600_000;
const JOB_TRANSACTION = { maxWait: 30_000, timeout: 60_000 };

/**
 * Daily digests: once a day, at its local digest hour, each digest policy gathers the events
 * it wants since its last digest (at most a day) into one message per recipient. A day
 * without events sends nothing. A sweep every 15 minutes queues one run per tenant with
 * digest policies; a run is idempotent (the policy remembers the end of its last window).
 */
@Injectable()
export class NotificationDigest implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(NotificationJobs) private readonly jobs: NotificationJobs,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.register<TenantJobData>({
      name: NOTIFICATION_DIGEST_JOB,
      actor: 'notifications',
      retry: NOTIFICATION_JOB_RETRY,
      handle: async () => void (await this.runTenant()),
    });
    await this.queue.registerPeriodic({
      name: NOTIFICATION_DIGEST_SWEEP_JOB,
      cron: '*/15 * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** Explicit cross-tenant job: one digest run per tenant with digest policies. */
  async sweep(): Promise<number> {
    if (!this.mailer.configured) return 0;
    const tenantIds = await this.platformDb.tenantsWithDigestPolicies();
    for (const tenantId of tenantIds)
      await this.queue.send(
        NOTIFICATION_DIGEST_JOB,
        { tenantId },
        { singletonKey: `notification-digest:${tenantId}` },
      );
    return tenantIds.length;
  }

  /** The current tenant's due digests; returns the number of messages written. */
  async runTenant(now = new Date()): Promise<number> {
    const { tenantId } = tenantContext.get();
    const created = await this.db.run(async (tx) => {
      await this.repository.pruneEvents(tx, new Date(now.getTime() - EVENT_RETENTION_MS));
      const policies = await this.repository.enabledPolicies(tx, { mode: 'DAILY_DIGEST' });
      const messages: Prisma.NotificationMessageCreateManyInput[] = [];
      for (const policy of policies) {
        const until = latestLocalHour(now, policy.digestHour, policy.timeZone);
        if (policy.digestSentUntil && policy.digestSentUntil >= until) continue;
        const since = new Date(
          Math.max(
            (policy.digestSentUntil ?? policy.createdAt).getTime(),
            until.getTime() - DAY_MS,
          ),
        );
        const events = (
          await this.repository.eventsBetween(tx, policy.eventTypes, since, until)
        ).filter((event) =>
          policyWants(
            policy,
            eventFacts({ type: event.eventType, data: event.data as Record<string, unknown> }),
          ),
        );
        await this.repository.updatePolicy(tx, policy.id, { digestSentUntil: until });
        if (events.length === 0) continue;
        const users = await this.repository.activeUsers(tx, policy.recipientRoles);
        const subjects = await this.repository.subjectsOf(tx, subjectIdsOf(events));
        const byRecipient = new Map<string, EventView[]>();
        for (const event of events) {
          const view = eventView(event, subjects, policy.timeZone, (path) =>
            this.mailer.linkTo(path),
          );
          for (const recipient of recipientsFor(policy, { customerId: event.customerId }, users))
            byRecipient.set(recipient, [...(byRecipient.get(recipient) ?? []), view]);
        }
        const locale = toLocale(policy.locale);
        for (const [recipient, views] of byRecipient) {
          const mail = renderDigestMail(locale, views, policy.name);
          messages.push({
            tenantId,
            customerId: policy.customerId,
            eventId: null,
            eventType: 'digest',
            policyId: policy.id,
            policyName: policy.name,
            recipient,
            locale,
            subject: mail.subject,
            content: { text: mail.text, html: mail.html, events: views.length },
            status: 'PENDING',
            nextAttemptAt: now,
          });
        }
      }
      return messages.length === 0 ? [] : this.repository.createMessages(tx, messages);
    }, JOB_TRANSACTION);
    if (created.length > 0) this.jobs.queueSends(tenantId, created, now);
    return created.length;
  }
}
