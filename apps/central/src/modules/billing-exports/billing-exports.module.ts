import { Module } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { SignedLinkTokens } from '../usage/meter-export-token.js';
import { AuditModule } from '../audit/audit.module.js';
import { UsageModule } from '../usage/usage.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { BillingExportsController } from './billing-exports.controller.js';
import { BillingExportsJob } from './billing-exports.job.js';
import { BillingExportsRepository } from './billing-exports.repository.js';
import { BillingExportsResolver } from './billing-exports.resolver.js';
import { BillingExportsService, FILE_LINK_TOKENS } from './billing-exports.service.js';

/** Monthly billing exports: produced by the job queue, kept, announced, e-mailed. */
@Module({
  imports: [AuditModule, UsageModule, WebhooksModule],
  controllers: [BillingExportsController],
  providers: [
    {
      provide: FILE_LINK_TOKENS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new SignedLinkTokens(config.jwtSecret.reveal(), 'billing-export-file-links v1'),
    },
    BillingExportsRepository,
    BillingExportsService,
    BillingExportsResolver,
    BillingExportsJob,
  ],
  exports: [BillingExportsService, BillingExportsJob],
})
export class BillingExportsModule {}
