import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import type { DatabaseHandle } from '../database/database.js';
import { DATABASE_HANDLE } from './database-handle.token.js';

/**
 * The raw client on the owner connection: it is not bound to a tenant. Platform code only —
 * sign-in and token lookups before a tenant is known, creating tenants, explicit cross-tenant
 * jobs, seeds. Everything tenant-scoped goes through TenantPrisma (lint rule).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DATABASE_HANDLE) handle: DatabaseHandle) {
    super({ adapter: new PrismaPg({ connectionString: handle.ownerUrl, allowExitOnIdle: true }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
