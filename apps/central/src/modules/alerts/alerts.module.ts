import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsResolver } from './alerts.resolver.js';
import { AlertsService } from './alerts.service.js';
import { SilenceMonitor } from './silence-monitor.js';

/** Device alerts (syncFromReading, for ingest), silence alarms, and the alerts query. Needs JobsModule. */
@Module({
  imports: [WebhooksModule],
  providers: [AlertsRepository, AlertsService, SilenceMonitor, AlertsResolver],
  exports: [AlertsService],
})
export class AlertsModule {}
