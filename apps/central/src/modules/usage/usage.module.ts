import { Module } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { BillingExportResolver } from './billing-export.resolver.js';
import { BillingExportService } from './billing-export.service.js';
import { BillingIdentifiers } from './billing-identifiers.js';
import { MeterExportController } from './meter-export.controller.js';
import { METER_EXPORT_TOKENS, MeterExportService } from './meter-export.service.js';
import { MeterExportTokens } from './meter-export-token.js';
import { UsageRepository } from './usage.repository.js';
import { UsageResolver } from './usage.resolver.js';
import { UsageTotalsResolver } from './usage-totals.resolver.js';
import { UsageService } from './usage.service.js';

/** Billing: usage between dates, missing-meter report, CSV export. */
@Module({
  imports: [AuditModule, ContractsModule, CustomersModule],
  controllers: [MeterExportController],
  providers: [
    {
      provide: METER_EXPORT_TOKENS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new MeterExportTokens(config.jwtSecret.reveal()),
    },
    UsageRepository,
    UsageService,
    MeterExportService,
    BillingIdentifiers,
    BillingExportService,
    BillingExportResolver,
    UsageResolver,
    UsageTotalsResolver,
  ],
  exports: [UsageService, BillingExportService, MeterExportService],
})
export class UsageModule {}
