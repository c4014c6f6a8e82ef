import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { MetersRepository } from './meters.repository.js';
import { MetersResolver } from './meters.resolver.js';
import { MetersService } from './meters.service.js';
import { MeterReadReviewRepository } from './meter-read-review.repository.js';
import { MeterReadReviewResolver } from './meter-read-review.resolver.js';
import { MeterReadReviewService } from './meter-read-review.service.js';
import { EstimatedMeterReadService } from './estimated-meter-read.service.js';

/**
 * Meter reads (recordReadings, for ingest), their discontinuities and the review of flagged
 * reads before billing (`MeterReadReviewService.countAwaiting` for reports), and estimated reads
 * people enter for devices that did not report one.
 */
@Module({
  imports: [AuditModule, WebhooksModule],
  providers: [
    MetersRepository,
    MetersService,
    MetersResolver,
    MeterReadReviewRepository,
    MeterReadReviewService,
    EstimatedMeterReadService,
    MeterReadReviewResolver,
  ],
  exports: [MetersService, MeterReadReviewService],
})
export class MetersModule {}
