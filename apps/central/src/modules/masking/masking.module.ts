import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MaskingRepository } from './masking.repository.js';
import { MaskingResolver } from './masking.resolver.js';
import { MaskingService } from './masking.service.js';

/** Per-tenant and per-customer privacy masking settings and the customers' hash keys. */
@Module({
  imports: [AuditModule],
  providers: [MaskingRepository, MaskingService, MaskingResolver],
  exports: [MaskingService],
})
export class MaskingModule {}
