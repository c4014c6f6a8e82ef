import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationJob } from './reconciliation.job.js';
import { ReconciliationRepository } from './reconciliation.repository.js';
import { ReconciliationResolver } from './reconciliation.resolver.js';
import { ReconciliationService } from './reconciliation.service.js';

/** The reconciliation report: GraphQL, CSV, and the daily change check (see README.md). */
@Module({
  imports: [WebhooksModule],
  controllers: [ReconciliationController],
  providers: [
    ReconciliationRepository,
    ReconciliationService,
    ReconciliationResolver,
    ReconciliationJob,
  ],
})
export class ReconciliationModule {}
