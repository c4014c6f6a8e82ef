import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SuppliesModule } from '../supplies/supplies.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ReplenishmentRepository } from './replenishment.repository.js';
import { ReplenishmentResolver } from './replenishment.resolver.js';
import { ReplenishmentRulesService } from './replenishment-rules.service.js';
import { ReplenishmentService } from './replenishment.service.js';
import { ReplenishmentWorker } from './replenishment.worker.js';
import { SupplyOrdersService } from './supply-orders.service.js';

/** Rules, orders and their evaluation (needs JobsModule, global, in the application). */
@Module({
  imports: [AuditModule, SuppliesModule, WebhooksModule],
  providers: [
    ReplenishmentRepository,
    ReplenishmentRulesService,
    SupplyOrdersService,
    ReplenishmentService,
    ReplenishmentWorker,
    ReplenishmentResolver,
  ],
  exports: [ReplenishmentService, SupplyOrdersService],
})
export class ReplenishmentModule {}
