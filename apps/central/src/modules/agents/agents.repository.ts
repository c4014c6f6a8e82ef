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

  findCustomerConsent(tx: Prisma.TransactionClient, customerId: string) {
    return tx.customer.findFirst({
      where: { id: customerId },
      select: { allowedCommandTypes: true },
    });
  }
}
