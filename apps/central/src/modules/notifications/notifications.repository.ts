import { Injectable } from '@nestjs/common';
import type {
  NotificationEvent as EventRow,
  NotificationMessage as MessageRow,
  NotificationPolicy as PolicyRow,
  Prisma,
} from '@prisma/client';

export type RecipientUser = {
  email: string;
  role: string;
  customerId: string | null;
};

export type Subjects = {
  devices: Map<
    string,
    {
      manufacturer: string | null;
      model: string | null;
      serialNumber: string | null;
      ipAddress: string | null;
      siteId: string | null;
    }
  >;
  agents: Map<string, { hostname: string | null; siteId: string | null }>;
  customers: Map<string, string>;
  sites: Map<string, { name: string; timeZone: string | null }>;
};

/**
 * Notification rows on a tenant-scoped transaction (row-level security decides visibility),
 * plus the read-only lookups a message needs (users by role, devices, agents, sites).
 */
@Injectable()
export class NotificationsRepository {
  findPolicy(tx: Prisma.TransactionClient, id: string): Promise<PolicyRow | null> {
    return tx.notificationPolicy.findFirst({ where: { id } });
  }

  listPolicies(
    tx: Prisma.TransactionClient,
    filter: { customerId: string | null },
    page: { take: number; skip: number },
  ): Promise<PolicyRow[]> {
    return tx.notificationPolicy.findMany({
      where: filter.customerId ? { customerId: filter.customerId } : {},
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: page.take,
      skip: page.skip,
    });
  }

  enabledPolicies(
    tx: Prisma.TransactionClient,
    filter: { eventTypes?: readonly string[]; mode?: 'IMMEDIATE' | 'DAILY_DIGEST' },
  ): Promise<PolicyRow[]> {
    return tx.notificationPolicy.findMany({
      where: {
        enabled: true,
        ...(filter.eventTypes ? { eventTypes: { hasSome: [...filter.eventTypes] } } : {}),
        ...(filter.mode ? { deliveryMode: filter.mode } : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  createPolicy(
    tx: Prisma.TransactionClient,
    data: Prisma.NotificationPolicyUncheckedCreateInput,
  ): Promise<PolicyRow> {
    return tx.notificationPolicy.create({ data });
  }

  async updatePolicy(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.NotificationPolicyUncheckedUpdateManyInput,
  ): Promise<PolicyRow | null> {
    const { count } = await tx.notificationPolicy.updateMany({ where: { id }, data });
    return count === 0 ? null : this.findPolicy(tx, id);
  }

  async deletePolicy(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
    const { count } = await tx.notificationPolicy.deleteMany({ where: { id } });
    return count > 0;
  }

  createEvents(
    tx: Prisma.TransactionClient,
    data: Prisma.NotificationEventCreateManyInput[],
  ): Promise<Pick<EventRow, 'id' | 'dispatchedAt'>[]> {
    return tx.notificationEvent.createManyAndReturn({
      data,
      select: { id: true, dispatchedAt: true },
    });
  }

  /** Takes the undispatched events among `ids`: of two concurrent claims, one gets them. */
  claimEvents(
    tx: Prisma.TransactionClient,
    ids: readonly string[],
    now: Date,
  ): Promise<EventRow[]> {
    return tx.notificationEvent.updateManyAndReturn({
      where: { id: { in: [...ids] }, dispatchedAt: null },
      data: { dispatchedAt: now },
    });
  }

  eventsBetween(
    tx: Prisma.TransactionClient,
    eventTypes: readonly string[],
    after: Date,
    until: Date,
  ): Promise<EventRow[]> {
    return tx.notificationEvent.findMany({
      where: { eventType: { in: [...eventTypes] }, occurredAt: { gt: after, lte: until } },
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    });
  }

  async pruneEvents(tx: Prisma.TransactionClient, before: Date): Promise<number> {
    const { count } = await tx.notificationEvent.deleteMany({
      where: { occurredAt: { lt: before }, dispatchedAt: { not: null } },
    });
    return count;
  }

  activeUsers(tx: Prisma.TransactionClient, roles: readonly string[]): Promise<RecipientUser[]> {
    if (roles.length === 0) return Promise.resolve([]);
    return tx.user.findMany({
      where: { disabledAt: null, role: { in: roles as PolicyRow['recipientRoles'] } },
      select: { email: true, role: true, customerId: true },
      orderBy: { email: 'asc' },
    });
  }

  async subjectsOf(
    tx: Prisma.TransactionClient,
    ids: { deviceIds: string[]; agentIds: string[]; customerIds: string[] },
  ): Promise<Subjects> {
    const devices = await tx.device.findMany({
      where: { id: { in: ids.deviceIds } },
      select: {
        id: true,
        manufacturer: true,
        model: true,
        serialNumber: true,
        ipAddress: true,
        siteId: true,
      },
    });
    const agents = await tx.agent.findMany({
      where: { id: { in: ids.agentIds } },
      select: { id: true, hostname: true, siteId: true },
    });
    const siteIds = [
      ...new Set(
        [...devices, ...agents].flatMap((row) => (row.siteId === null ? [] : [row.siteId])),
      ),
    ];
    const sites = await tx.site.findMany({
      where: { id: { in: siteIds } },
      select: { id: true, name: true, timeZone: true },
    });
    const customers = await tx.customer.findMany({
      where: { id: { in: ids.customerIds } },
      select: { id: true, name: true },
    });
    return {
      devices: new Map(devices.map(({ id, ...device }) => [id, device])),
      agents: new Map(agents.map(({ id, ...agent }) => [id, agent])),
      customers: new Map(customers.map((customer) => [customer.id, customer.name])),
      sites: new Map(sites.map(({ id, ...site }) => [id, site])),
    };
  }

  createMessages(
    tx: Prisma.TransactionClient,
    data: Prisma.NotificationMessageCreateManyInput[],
  ): Promise<Pick<MessageRow, 'id' | 'nextAttemptAt' | 'status'>[]> {
    return tx.notificationMessage.createManyAndReturn({
      data,
      skipDuplicates: true,
      select: { id: true, nextAttemptAt: true, status: true },
    });
  }

  /**
   * Takes the due messages among `ids` (pending, or held past their quiet hours) for one
   * attempt: their next attempt moves to `leaseUntil`, so another job holding them finds them
   * not due.
   */
  async claimMessages(
    tx: Prisma.TransactionClient,
    ids: readonly string[],
    now: Date,
    leaseUntil: Date,
  ): Promise<MessageRow[]> {
    return tx.notificationMessage.updateManyAndReturn({
      where: {
        id: { in: [...ids] },
        status: { in: ['PENDING', 'HELD'] },
        nextAttemptAt: { lte: now },
      },
      data: { nextAttemptAt: leaseUntil, status: 'PENDING' },
    });
  }

  updateMessage(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.NotificationMessageUpdateManyMutationInput,
  ): Promise<Prisma.BatchPayload> {
    return tx.notificationMessage.updateMany({ where: { id }, data });
  }

  listMessages(
    tx: Prisma.TransactionClient,
    filter: { status?: MessageRow['status'] | null },
    page: { take: number; before: { createdAt: Date; id: string } | null },
  ): Promise<MessageRow[]> {
    const before = page.before;
    return tx.notificationMessage.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(before
          ? {
              OR: [
                { createdAt: { lt: before.createdAt } },
                { createdAt: before.createdAt, id: { lt: before.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.take,
    });
  }
}
