import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AgentUpdateLoader } from './agent-update.loader.js';
import { AgentUpdateResolver } from './agent-update.resolver.js';
import { CustomerUpdateConsentResolver } from './customer-update-consent.resolver.js';
import { ReleasesRepository } from './releases.repository.js';
import { ReleasesResolver } from './releases.resolver.js';
import { ReleasesService } from './releases.service.js';

@Module({
  imports: [AuditModule],
  providers: [
    ReleasesRepository,
    ReleasesService,
    ReleasesResolver,
    AgentUpdateLoader,
    AgentUpdateResolver,
    CustomerUpdateConsentResolver,
  ],
  exports: [ReleasesService],
})
export class ReleasesModule {}
