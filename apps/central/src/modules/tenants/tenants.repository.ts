import { Inject, Injectable } from '@nestjs/common';
import type { Tenant as TenantRow, User as UserRow } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';
import { PrismaService } from '../../platform/prisma/prisma.service.js';

/**
 * Platform-operator data access: the one feature that works across tenants (creating them,
 * listing them), so it uses the raw client deliberately. Only platform-operator resolvers
 * reach it. Every write names the tenant it creates explicitly.
 */
@Injectable()
export class TenantsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  findDealerById(id: string): Promise<TenantRow | null> {
    return this.prisma.tenant.findFirst({ where: { id, kind: 'DEALER' } });
  }

  slugTaken(slug: string): Promise<boolean> {
    return this.prisma.tenant.count({ where: { slug } }).then((count) => count > 0);
  }

  listDealers(page: { take: number; after: Record<string, string> | null }): Promise<TenantRow[]> {
    return this.prisma.tenant.findMany({
      where: { kind: 'DEALER', ...afterCreatedAt(page.after) },
      orderBy: createdAtOrder,
      take: page.take,
    });
  }

  /** Tenant, first dealer admin and the audit trail entries, all or nothing. */
  createWithAdmin(input: {
    name: string;
    slug: string;
    admin: { email: string; name: string; passwordHash: string };
    operator: { tenantId: string; userId: string };
  }): Promise<{ tenant: TenantRow; admin: UserRow }> {
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
}
