import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MaskingModule } from '../masking/masking.module.js';
import { EnrollmentRepository } from './enrollment.repository.js';
import { EnrollmentService } from './enrollment.service.js';

@Module({
  imports: [AuditModule, MaskingModule],
  providers: [EnrollmentRepository, EnrollmentService],
  exports: [EnrollmentService],
})
export class EnrollmentModule {}
