import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { PlatformDb, type PlatformRefusal } from '../platform/prisma/platform-db.js';

/**
 * Platform code of the gateway: what happens before (or without) a tenant — refusals of
 * callers nobody knows go to the platform audit trail.
 */
@Injectable()
export class GatewayRepository {
  constructor(@Inject(PlatformDb) private readonly platformDb: PlatformDb) {}

  recordPlatformRefusal(event: PlatformRefusal): Promise<void> {
    return this.platformDb.recordPlatformRefusal(event);
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
