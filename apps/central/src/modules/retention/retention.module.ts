import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RetentionJob } from './retention.job.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionResolver } from './retention.resolver.js';
import { RetentionService } from './retention.service.js';

/** Per-tenant retention settings and the nightly job that enforces them. */
@Module({
  imports: [AuditModule],
  providers: [RetentionRepository, RetentionService, RetentionResolver, RetentionJob],
  exports: [RetentionService, RetentionJob],
})
export class RetentionModule {}
