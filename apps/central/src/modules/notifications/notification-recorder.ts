import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { DomainEvents, type DomainEvent } from '../../platform/events/domain-events.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { NotificationJobs } from './notification-jobs.js';
import { NotificationsRepository } from './notifications.repository.js';
import { eventFacts, policyWants } from './policy-match.js';

/**
 * Hears every event (inside the emitter's transaction) and keeps the ones an enabled policy
 * wants as `notification_events`: the outbox of immediate messages (dispatched by a job after
 * the commit) and the material of daily digests. With SMTP not configured nothing is kept.
 */
@Injectable()
export class NotificationRecorder implements OnModuleInit {
  constructor(
    @Inject(DomainEvents) private readonly domainEvents: DomainEvents,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(NotificationJobs) private readonly jobs: NotificationJobs,
  ) {}

  onModuleInit(): void {
    this.domainEvents.listen((tx, events) => this.record(tx, events));
  }

  async record(tx: Prisma.TransactionClient, events: readonly DomainEvent[]): Promise<void> {
    if (!this.mailer.configured || events.length === 0) return;
    const policies = await this.repository.enabledPolicies(tx, {
      eventTypes: [...new Set(events.map((event) => event.type))],
    });
    if (policies.length === 0) return;
    const now = new Date();
    const kept = events.flatMap((event) => {
      const facts = eventFacts(event);
      const wanting = policies.filter((policy) => policyWants(policy, facts));
      if (wanting.length === 0) return [];
      const immediate = wanting.some((policy) => policy.deliveryMode === 'IMMEDIATE');
      return [{ event, facts, immediate }];
    });
    if (kept.length === 0) return;
    const { tenantId, customerId: scope } = tenantContext.get();
    const rows = await this.repository.createEvents(
      tx,
      kept.map(({ event, facts, immediate }) => ({
        tenantId,
        customerId: facts.customerId ?? scope,
        eventType: event.type,
        data: event.data as Prisma.InputJsonValue,
        occurredAt: now,
        // Digest-only events need no dispatch.
        dispatchedAt: immediate ? null : now,
      })),
    );
    const toDispatch = rows.filter((row) => row.dispatchedAt === null).map((row) => row.id);
    if (toDispatch.length > 0)
      this.db.afterCommit(tx, () => this.jobs.queueDispatch(tenantId, toDispatch));
  }
}
