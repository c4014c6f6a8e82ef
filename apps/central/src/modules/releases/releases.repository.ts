import { Injectable } from '@nestjs/common';
import type { Prisma, ReleaseChannel } from '@prisma/client';
import { targetScope } from './update-plan.js';

export type TargetWrite = {
  scope: string;
  customerId: string | null;
  agentId: string | null;
  channel: ReleaseChannel;
  version: string | null;
  rolloutPercent: number;
  allowDowngrade: boolean;
};

export type ReportWrite = {
  customerId: string;
  agentId: string;
  outcome: string;
  fromVersion: string;
  toVersion: string;
  code: string | null;
  reason: string;
  at: Date;
};

/** Update targets, consents and reports on a tenant-scoped transaction (row-level security). */
@Injectable()
export class ReleasesRepository {
  targetsForAgent(tx: Prisma.TransactionClient, agent: { agentId: string; customerId: string }) {
    return tx.agentUpdateTarget.findMany({
      where: {
        scope: {
          in: [
            targetScope.tenant,
            targetScope.customer(agent.customerId),
            targetScope.agent(agent.agentId),
          ],
        },
      },
    });
  }

  /** The targets that may apply to any of these agents. */
  targetsForAgents(
    tx: Prisma.TransactionClient,
    agents: readonly { agentId: string; customerId: string }[],
  ) {
    const scopes = new Set<string>([targetScope.tenant]);
    for (const agent of agents) {
      scopes.add(targetScope.customer(agent.customerId));
      scopes.add(targetScope.agent(agent.agentId));
    }
    return tx.agentUpdateTarget.findMany({ where: { scope: { in: [...scopes] } } });
  }

  listTargets(tx: Prisma.TransactionClient) {
    return tx.agentUpdateTarget.findMany({ orderBy: { createdAt: 'asc' }, take: 1000 });
  }

  upsertTarget(tx: Prisma.TransactionClient, tenantId: string, target: TargetWrite) {
    const { scope, ...rest } = target;
    return tx.agentUpdateTarget.upsert({
      where: { tenantId_scope: { tenantId, scope } },
      create: { tenantId, scope, ...rest },
      update: rest,
    });
  }

  async deleteTarget(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
    const { count } = await tx.agentUpdateTarget.deleteMany({ where: { id } });
    return count === 1;
  }

  findAgent(tx: Prisma.TransactionClient, id: string) {
    return tx.agent.findFirst({ where: { id }, select: { id: true, customerId: true } });
  }

  findCustomer(tx: Prisma.TransactionClient, id: string) {
    return tx.customer.findFirst({ where: { id }, select: { id: true } });
  }

  async consent(tx: Prisma.TransactionClient, customerId: string): Promise<boolean> {
    const row = await tx.agentUpdateConsent.findFirst({ where: { customerId } });
    return row?.allowed ?? true;
  }

  async setConsent(
    tx: Prisma.TransactionClient,
    tenantId: string,
    customerId: string,
    allowed: boolean,
  ): Promise<void> {
    await tx.agentUpdateConsent.upsert({
      where: { tenantId_customerId: { tenantId, customerId } },
      create: { tenantId, customerId, allowed },
      update: { allowed },
    });
  }

  addReport(tx: Prisma.TransactionClient, tenantId: string, report: ReportWrite) {
    return tx.agentUpdateReport.create({ data: { tenantId, ...report } });
  }

  reports(tx: Prisma.TransactionClient, agentId: string, take: number) {
    return tx.agentUpdateReport.findMany({
      where: { agentId },
      orderBy: { receivedAt: 'desc' },
      take,
    });
  }

  /** The newest report of each agent (agents without one are left out). */
  latestReports(tx: Prisma.TransactionClient, agentIds: readonly string[]) {
    return tx.agentUpdateReport.findMany({
      where: { agentId: { in: [...agentIds] } },
      orderBy: [{ agentId: 'asc' }, { receivedAt: 'desc' }],
      distinct: ['agentId'],
    });
  }

  /** Customers that refused updates, of those asked (no row: allowed). */
  async refusedConsents(
    tx: Prisma.TransactionClient,
    customerIds: readonly string[],
  ): Promise<Set<string>> {
    const rows = await tx.agentUpdateConsent.findMany({
      where: { customerId: { in: [...customerIds] }, allowed: false },
      select: { customerId: true },
    });
    return new Set(rows.map((row) => row.customerId));
  }
}
