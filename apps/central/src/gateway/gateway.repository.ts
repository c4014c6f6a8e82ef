import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { PrismaService } from '../platform/prisma/prisma.service.js';

/**
 * Platform code of the gateway: what happens before (or without) a tenant — refusals of
 * callers nobody knows go to the platform audit trail.
 */
@Injectable()
export class GatewayRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async recordPlatformRefusal(event: {
    action: string;
    ip: string | null;
    details: Prisma.InputJsonValue;
  }): Promise<void> {
    await this.prisma.platformAuditEvent.create({
      data: { actorKind: 'ANONYMOUS', outcome: 'DENIED', ...event },
    });
  }

  /** Tenant-scoped: the certificate row (by fingerprint) with its agent and the agent's tenant. */
  findCertificate(tx: Prisma.TransactionClient, fingerprint: string) {
    return tx.agentCertificate.findFirst({
      where: { fingerprint },
      include: {
        agent: {
          select: {
            status: true,
            siteId: true,
            lastContactAt: true,
            customer: { select: { archivedAt: true } },
          },
        },
      },
    });
  }

  findTenant(tx: Prisma.TransactionClient, tenantId: string) {
    return tx.tenant.findFirst({ where: { id: tenantId }, select: { disabledAt: true } });
  }

  async touchAgent(tx: Prisma.TransactionClient, agentId: string, at: Date): Promise<void> {
    await tx.agent.updateMany({ where: { id: agentId }, data: { lastContactAt: at } });
  }
}
