import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service.js';
import { TenantPrisma } from './tenant-prisma.js';

export { DATABASE_HANDLE } from './database-handle.token.js';

/**
 * PrismaService (raw, platform code) and TenantPrisma (tenant-scoped) for the whole app.
 * Needs a provider of DATABASE_HANDLE (the started DatabaseHandle) somewhere global.
 */
@Global()
@Module({
  providers: [PrismaService, TenantPrisma],
  exports: [PrismaService, TenantPrisma],
})
export class PrismaModule {}
