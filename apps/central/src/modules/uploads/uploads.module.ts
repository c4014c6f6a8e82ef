import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { ReplenishmentModule } from '../replenishment/replenishment.module.js';
import { UploadUnpackPool } from './upload-unpack-pool.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';

@Module({
  imports: [AuditModule, IngestModule, ReplenishmentModule],
  providers: [UploadsRepository, UploadUnpackPool, UploadsService],
  exports: [UploadsService],
})
export class UploadsModule {}
