import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import type { DatabaseHandle } from '../database/database.js';
import { DATABASE_HANDLE } from './database-handle.token.js';

/**
 * The raw client on the owner connection: it is not bound to a tenant. Platform code only —
 * sign-in and token lookups before a tenant is known, PlatformDb, seeds. Feature code uses
 * TenantPrisma, or a named PlatformDb method for cross-tenant work (lint rule).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_HANDLE) handle: DatabaseHandle) {
    super({ adapter: new PrismaPg({ connectionString: handle.ownerUrl, allowExitOnIdle: true }) });
  }

  /**
   * The last phase of shutdown: what still uses the database (jobs, requests) stops in the
   * phases before. Disconnecting under a running transaction leaves its connection checked out
   * and the pool's end waiting for it for ever.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
