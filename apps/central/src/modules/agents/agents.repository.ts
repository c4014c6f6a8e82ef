import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';

const withCertificate = {
  certificates: {
    where: { revokedAt: null },
    orderBy: { notAfter: 'desc' as const },
    take: 1,
    select: { notAfter: true },
  },
};

/** Agent rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class AgentsRepository {
  findById(tx: Prisma.TransactionClient, id: string) {
    return tx.agent.findFirst({ where: { id }, include: withCertificate });
  }

  list(
    tx: Prisma.TransactionClient,
    filter: { customerId?: string | null; siteId?: string | null },
    page: { take: number; after: Record<string, string> | null },
  ) {
    const where: Prisma.AgentWhereInput = {
      ...(filter.customerId ? { customerId: filter.customerId } : {}),
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
    };
    return tx.agent.findMany({
      where: { AND: [where, afterCreatedAt(page.after)] },
      orderBy: createdAtOrder,
      take: page.take,
      include: withCertificate,
    });
  }

  async revoke(tx: Prisma.TransactionClient, id: string, at: Date): Promise<number> {
    await tx.agent.updateMany({ where: { id }, data: { status: 'REVOKED' } });
    const { count } = await tx.agentCertificate.updateMany({
      where: { agentId: id, revokedAt: null },
      data: { revokedAt: at, revocationReason: 'agent revoked' },
    });
    return count;
  }

  async updateConfig(
    tx: Prisma.TransactionClient,
    id: string,
    expectedVersion: number,
    config: Prisma.InputJsonValue,
  ): Promise<boolean> {
    const { count } = await tx.agent.updateMany({
      where: { id, configVersion: expectedVersion },
      data: { config, configVersion: { increment: 1 } },
    });
    return count === 1;
  }

  /** The agent's latest self-report; version and lock-down also have their own columns. */
  async recordFacts(
    tx: Prisma.TransactionClient,
    id: string,
    facts: Prisma.InputJsonObject,
    at: Date,
    columns: { version?: string; lockDown?: boolean },
  ): Promise<void> {
    await tx.agent.updateMany({ where: { id }, data: { facts, factsAt: at, ...columns } });
  }

  /**
   * Adds the facts to the agent's history unless its newest snapshot is younger than
   * `everyMs`, and drops the agent's snapshots older than `keepMs`.
   */
  async snapshotFacts(
    tx: Prisma.TransactionClient,
    agent: { id: string; tenantId: string; customerId: string },
    facts: Prisma.InputJsonObject,
    at: Date,
    { everyMs, keepMs }: { everyMs: number; keepMs: number },
  ): Promise<void> {
    const recent = await tx.agentFactsSnapshot.findFirst({
      where: { agentId: agent.id, at: { gt: new Date(at.getTime() - everyMs) } },
      select: { id: true },
    });
    if (recent) return;
    await tx.agentFactsSnapshot.create({
      data: {
        tenantId: agent.tenantId,
        customerId: agent.customerId,
        agentId: agent.id,
        at,
        facts,
      },
    });
    await tx.agentFactsSnapshot.deleteMany({
      where: { agentId: agent.id, at: { lt: new Date(at.getTime() - keepMs) } },
    });
  }

  factsHistory(tx: Prisma.TransactionClient, agentId: string, since: Date) {
    return tx.agentFactsSnapshot.findMany({
      where: { agentId, at: { gte: since } },
      orderBy: { at: 'asc' },
      select: { at: true, facts: true },
    });
  }

  findCustomerConsent(tx: Prisma.TransactionClient, customerId: string) {
    return tx.customer.findFirst({
      where: { id: customerId },
      select: { allowedCommandTypes: true },
    });
  }
}
