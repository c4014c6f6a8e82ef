import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { MetersRepository } from './meters.repository.js';
import { MetersResolver } from './meters.resolver.js';
import { MetersService } from './meters.service.js';

/** Meter reads (recordReadings, for ingest) and their discontinuities (review). */
@Module({
  imports: [AuditModule, WebhooksModule],
  providers: [MetersRepository, MetersService, MetersResolver],
  exports: [MetersService],
})
export class MetersModule {}
