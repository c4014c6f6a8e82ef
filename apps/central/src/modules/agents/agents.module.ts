import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MaskingModule } from '../masking/masking.module.js';
import { AgentsRepository } from './agents.repository.js';
import { AgentsResolver } from './agents.resolver.js';
import { AgentsService } from './agents.service.js';

@Module({
  imports: [AuditModule, MaskingModule],
  providers: [AgentsRepository, AgentsService, AgentsResolver],
  exports: [AgentsService],
})
export class AgentsModule {}
