import { Inject, Injectable } from '@nestjs/common';
import type { Tenant as TenantRow, User as UserRow } from '@prisma/client';
import { PlatformDb, type NewDealer } from '../../platform/prisma/platform-db.js';

/**
 * Platform-operator data access: the one feature that works across tenants (creating them,
 * listing them), through PlatformDb's named methods. Only platform-operator resolvers reach it.
 */
@Injectable()
export class TenantsRepository {
  constructor(@Inject(PlatformDb) private readonly platformDb: PlatformDb) {}

  findDealerById(id: string): Promise<TenantRow | null> {
    return this.platformDb.dealerById(id);
  }

  slugTaken(slug: string): Promise<boolean> {
    return this.platformDb.tenantSlugTaken(slug);
  }

  listDealers(page: { take: number; after: Record<string, string> | null }): Promise<TenantRow[]> {
    return this.platformDb.dealers(page);
  }

  /** Tenant, first dealer admin and the audit trail entries, all or nothing. */
  createWithAdmin(input: NewDealer): Promise<{ tenant: TenantRow; admin: UserRow }> {
    return this.platformDb.createDealerWithAdmin(input);
  }
}
