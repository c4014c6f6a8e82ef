import { Inject, Injectable } from '@nestjs/common';
import type {
  AgentRelease,
  AuditOutcome,
  Customer,
  Prisma,
  RegistrationKey,
  Tenant,
  User,
  UserLinkPurpose,
  UserRole,
} from '@prisma/client';
import { beforeCreatedAt, newestFirstOrder } from '../graphql/pagination.js';
import { PrismaService } from './prisma.service.js';

export type RegistrationKeyWithOwners = RegistrationKey & {
  customer: Customer & { tenant: Tenant };
};

export type PlatformRefusal = { action: string; ip: string | null; details: Prisma.InputJsonValue };

export type NewDealer = {
  name: string;
  slug: string;
  admin: { email: string; name: string; passwordHash: string };
  operator: { tenantId: string; userId: string };
};

/** A person found by e-mail or by a link they hold, before any tenant is known. */
export type AccountHolder = {
  tenantId: string;
  userId: string;
  role: UserRole;
  customerId: string | null;
};

/** A followed single-use link: the account it belongs to and what it is for. */
export type FollowedLink = AccountHolder & { linkId: string; purpose: UserLinkPurpose };

/** What one cross-tenant write did in one tenant: the ids it changed there. */
export type TenantChange = { tenantId: string; ids: string[] };

/** A release without its artifact bytes. */
export type AgentReleaseInfo = Omit<AgentRelease, 'artifact'>;

const RELEASE_INFO = {
  id: true,
  version: true,
  platform: true,
  channel: true,
  sha256: true,
  size: true,
  manifestJws: true,
  createdAt: true,
} as const;

/** Audit rows list at most this many ids; the count is always complete. */
const AUDITED_IDS_MAX = 100;

/**
 * Everything that may happen across tenants, one named method per use: lookups before a tenant
 * is known (enrollment, gateway refusals, platform operators) and the sweeps of background jobs.
 * Each cross-tenant write leaves an audit event in every tenant it changed. Feature code uses
 * this or TenantPrisma, never PrismaService (lint rule).
 */
@Injectable()
export class PlatformDb {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Enrollment: the registration key by its globally indexed hash, before any tenant is known. */
  registrationKeyByHash(keyHash: string): Promise<RegistrationKeyWithOwners | null> {
    return this.prisma.registrationKey.findFirst({
      where: { keyHash },
      include: { customer: { include: { tenant: true } } },
    });
  }

  /** Gateway: a refused caller nobody knows goes to the platform audit trail. */
  async recordPlatformRefusal(event: PlatformRefusal): Promise<void> {
    await this.prisma.platformAuditEvent.create({
      data: { actorKind: 'ANONYMOUS', outcome: 'DENIED', ...event },
    });
  }

  /** Anonymous account events (e.g. a password reset for an unknown address): platform trail. */
  async recordAnonymousEvent(event: {
    action: string;
    outcome: AuditOutcome;
    ip: string | null;
    details: Prisma.InputJsonValue;
  }): Promise<void> {
    await this.prisma.platformAuditEvent.create({ data: { actorKind: 'ANONYMOUS', ...event } });
  }

  /** "Forgot password": the active accounts of an e-mail address, in every active tenant. */
  async activeAccountsByEmail(email: string): Promise<AccountHolder[]> {
    const rows = await this.prisma.user.findMany({
      where: { email, disabledAt: null, tenant: { disabledAt: null } },
      select: { tenantId: true, id: true, role: true, customerId: true },
      take: 10,
    });
    return rows.map((row) => ({
      tenantId: row.tenantId,
      userId: row.id,
      role: row.role,
      customerId: row.customerId,
    }));
  }

  /** A followed e-mail link, by its globally indexed token hash. */
  async linkByTokenHash(tokenHash: string): Promise<FollowedLink | null> {
    const row = await this.prisma.userLink.findFirst({
      where: { tokenHash },
      select: {
        tenantId: true,
        id: true,
        purpose: true,
        user: { select: { id: true, role: true, customerId: true } },
      },
    });
    return row
      ? {
          tenantId: row.tenantId,
          linkId: row.id,
          purpose: row.purpose,
          userId: row.user.id,
          role: row.user.role,
          customerId: row.user.customerId,
        }
      : null;
  }

  /** User-mail sweep: open links created before `before` whose mail never minted a token. */
  unsentUserLinks(before: Date, limit: number): Promise<{ tenantId: string; id: string }[]> {
    return this.prisma.userLink.findMany({
      where: {
        tokenHash: null,
        usedAt: null,
        revokedAt: null,
        createdAt: { lt: before },
        expiresAt: { gt: new Date() },
      },
      select: { tenantId: true, id: true },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
  }

  /** Platform operators: one dealer tenant. */
  dealerById(id: string): Promise<Tenant | null> {
    return this.prisma.tenant.findFirst({ where: { id, kind: 'DEALER' } });
  }

  /** Platform operators: whether any tenant uses `slug`. */
  async tenantSlugTaken(slug: string): Promise<boolean> {
    return (await this.prisma.tenant.count({ where: { slug } })) > 0;
  }

  /** Platform operators: a page of dealer tenants, newest first (the one just created leads). */
  dealers(page: { take: number; after: Record<string, string> | null }): Promise<Tenant[]> {
    return this.prisma.tenant.findMany({
      where: { kind: 'DEALER', ...beforeCreatedAt(page.after) },
      orderBy: newestFirstOrder,
      take: page.take,
    });
  }

  /** Platform operators: a dealer tenant with its first admin, audited in both tenants. */
  createDealerWithAdmin(input: NewDealer): Promise<{ tenant: Tenant; admin: User }> {
    return this.prisma.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: { name: input.name, slug: input.slug, kind: 'DEALER' },
      });
      const admin = await tx.user.create({
        data: { tenantId: tenant.id, role: 'DEALER_ADMIN', customerId: null, ...input.admin },
      });
      const event = {
        actorKind: 'USER' as const,
        actorId: input.operator.userId,
        outcome: 'SUCCESS' as const,
      };
      await tx.auditEvent.createMany({
        data: [
          {
            tenantId: tenant.id,
            action: 'tenant.create',
            targetType: 'Tenant',
            targetId: tenant.id,
            ...event,
          },
          {
            tenantId: tenant.id,
            action: 'user.create',
            targetType: 'User',
            targetId: admin.id,
            details: { role: admin.role },
            ...event,
          },
          {
            tenantId: input.operator.tenantId,
            action: 'tenant.create',
            targetType: 'Tenant',
            targetId: tenant.id,
            details: { slug: tenant.slug },
            ...event,
          },
        ],
      });
      return { tenant, admin };
    });
  }

  /** Silence monitor: the dealer tenants that are not disabled. */
  async activeDealerTenantIds(): Promise<string[]> {
    const rows = await this.prisma.tenant.findMany({
      where: { kind: 'DEALER', disabledAt: null },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Billing export sweep: active tenants whose monthly export day (UTC) has come. */
  async tenantsWithBillingExportDue(dayOfMonth: number): Promise<string[]> {
    const rows = await this.prisma.billingExportSchedule.findMany({
      where: { enabled: true, dayOfMonth: { lte: dayOfMonth }, tenant: { disabledAt: null } },
      select: { tenantId: true },
    });
    return rows.map((row) => row.tenantId);
  }

  /** Retention sweep: the longest meter-read retention any tenant keeps, in years. */
  async longestReadingRetentionYears(): Promise<number> {
    const result = await this.prisma.tenant.aggregate({ _max: { readingRetentionYears: true } });
    return result._max.readingRetentionYears ?? 7;
  }

  /**
   * Retention sweep: drops whole months of a partitioned meter_reads that ended before
   * `cutoff` and hold no read that must stay (a no-op on a plain table). Spans tenants, so it
   * is recorded in the platform audit trail.
   */
  async dropExpiredMeterReadPartitions(cutoff: Date, job: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ name: string }[]>`
      SELECT app_drop_meter_read_partitions_before(${cutoff}::timestamptz) AS name`;
    const dropped = rows.map((row) => row.name);
    if (dropped.length > 0) {
      await this.prisma.platformAuditEvent.create({
        data: {
          actorKind: 'SYSTEM',
          actorId: job,
          action: 'retention.drop_partitions',
          outcome: 'SUCCESS',
          details: { partitions: dropped, cutoff: cutoff.toISOString() },
        },
      });
    }
    return dropped;
  }

  /** Replenishment sweep: per tenant, the devices with a supply row changed since `since`. */
  async changedSupplyDevicesSince(since: Date): Promise<TenantChange[]> {
    const rows = await this.prisma.supply.findMany({
      where: { updatedAt: { gte: since } },
      select: { tenantId: true, deviceId: true },
      distinct: ['tenantId', 'deviceId'],
    });
    return groupByTenant(rows.map((row) => ({ tenantId: row.tenantId, id: row.deviceId })));
  }

  /** Webhook sweep: pending deliveries planned before `before` (their job got lost). */
  lostWebhookDeliveries(
    before: Date,
    limit: number,
  ): Promise<{ tenantId: string; id: string; endpointId: string }[]> {
    return this.prisma.webhookDelivery.findMany({
      where: { status: 'PENDING', nextAttemptAt: { lt: before } },
      select: { tenantId: true, id: true, endpointId: true },
      take: limit,
    });
  }

  /** Notification sweep: events recorded before `before` and never dispatched (job lost). */
  undispatchedNotificationEvents(
    before: Date,
    limit: number,
  ): Promise<{ tenantId: string; id: string }[]> {
    return this.prisma.notificationEvent.findMany({
      where: { dispatchedAt: null, occurredAt: { lt: before } },
      select: { tenantId: true, id: true },
      take: limit,
    });
  }

  /** Notification sweep: messages due by `now` (held past their quiet hours, retries, lost jobs). */
  dueNotificationMessages(
    now: Date,
    limit: number,
  ): Promise<{ tenantId: string; id: string; nextAttemptAt: Date | null }[]> {
    return this.prisma.notificationMessage.findMany({
      where: { status: { in: ['PENDING', 'HELD'] }, nextAttemptAt: { lte: now } },
      select: { tenantId: true, id: true, nextAttemptAt: true },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
    });
  }

  /** Digest sweep: tenants with an enabled daily-digest notification policy. */
  async tenantsWithDigestPolicies(): Promise<string[]> {
    const rows = await this.prisma.notificationPolicy.findMany({
      where: { enabled: true, deliveryMode: 'DAILY_DIGEST', tenant: { disabledAt: null } },
      select: { tenantId: true },
      distinct: ['tenantId'],
    });
    return rows.map((row) => row.tenantId);
  }

  /**
   * Command expiry: open commands past their TTL become EXPIRED, with one audit event per
   * tenant that had any, in the same transaction.
   */
  expireOverdueCommands(now: Date, job: string): Promise<TenantChange[]> {
    return this.prisma.$transaction(async (tx) => {
      const expired = await tx.command.updateManyAndReturn({
        where: { status: { in: ['PENDING', 'DELIVERED'] }, expiresAt: { lte: now } },
        data: { status: 'EXPIRED', completedAt: now },
        select: { tenantId: true, id: true },
      });
      const changes = groupByTenant(expired);
      if (changes.length > 0)
        await tx.auditEvent.createMany({
          data: systemAuditEvents(job, 'command.expire', 'Command', changes, now),
        });
      return changes;
    });
  }

  /** Agent releases (platform-wide), newest first; `platform` narrows to one. */
  agentReleases(platform: string | null): Promise<AgentReleaseInfo[]> {
    return this.prisma.agentRelease.findMany({
      where: platform ? { platform } : {},
      orderBy: { createdAt: 'desc' },
      select: RELEASE_INFO,
      take: 500,
    });
  }

  /** The release an agent was offered (by id), for its download. */
  agentReleaseById(id: string): Promise<AgentReleaseInfo | null> {
    return this.prisma.agentRelease.findUnique({ where: { id }, select: RELEASE_INFO });
  }

  /** Up to `length` bytes of a release's artifact from byte `start` (0-based). */
  async agentReleaseArtifactSlice(id: string, start: number, length: number): Promise<Buffer> {
    const rows = await this.prisma.$queryRaw<{ bytes: Uint8Array | null }[]>`
      SELECT substring(artifact FROM ${start + 1}::int FOR ${length}::int) AS bytes
        FROM agent_releases WHERE id = ${id}::uuid`;
    const bytes = rows[0]?.bytes;
    return bytes ? Buffer.from(bytes) : Buffer.alloc(0);
  }
}

/** Rows of many tenants as one entry per tenant, in first-seen order. */
export function groupByTenant(rows: readonly { tenantId: string; id: string }[]): TenantChange[] {
  const byTenant = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byTenant.get(row.tenantId);
    if (ids) ids.push(row.id);
    else byTenant.set(row.tenantId, [row.id]);
  }
  return [...byTenant].map(([tenantId, ids]) => ({ tenantId, ids }));
}

/**
 * One audit event per tenant for a job's cross-tenant write, with the same actor columns
 * AuditService writes for a system actor (SYSTEM, the job's name).
 */
export function systemAuditEvents(
  job: string,
  action: string,
  targetType: string,
  changes: readonly TenantChange[],
  at: Date,
): Prisma.AuditEventCreateManyInput[] {
  return changes.map(({ tenantId, ids }) => ({
    tenantId,
    actorKind: 'SYSTEM',
    actorId: job,
    action,
    targetType,
    targetId: ids.length === 1 ? ids[0] : null,
    outcome: 'SUCCESS',
    details: { count: ids.length, ids: ids.slice(0, AUDITED_IDS_MAX) },
    at,
  }));
}
