import { Global, Module } from '@nestjs/common';
import { PlatformDb } from './platform-db.js';
import { PrismaService } from './prisma.service.js';
import { TenantPrisma } from './tenant-prisma.js';

export { DATABASE_HANDLE } from './database-handle.token.js';

/**
 * PrismaService (raw, platform code), PlatformDb (named cross-tenant work) and TenantPrisma
 * (tenant-scoped) for the whole app.
 * Needs a provider of DATABASE_HANDLE (the started DatabaseHandle) somewhere global.
 */
@Global()
@Module({
  providers: [PrismaService, PlatformDb, TenantPrisma],
  exports: [PrismaService, PlatformDb, TenantPrisma],
})
export class PrismaModule {}
