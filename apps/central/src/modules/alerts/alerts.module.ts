import { Module } from '@nestjs/common';
import { ReleasesModule } from '../releases/releases.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AgentHealthCheck } from './agent-health-check.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsResolver } from './alerts.resolver.js';
import { AlertsService } from './alerts.service.js';
import { DeviceAlertsLoader } from './device-alerts.loader.js';
import { DeviceAlertsResolver } from './device-alerts.resolver.js';
import { SilenceMonitor } from './silence-monitor.js';

/** Device alerts (syncFromReading, for ingest), silence alarms, agent health alarms, the alerts query and `Device.openAlerts`. Needs JobsModule. */
@Module({
  imports: [WebhooksModule, ReleasesModule],
  providers: [
    AlertsRepository,
    AlertsService,
    SilenceMonitor,
    AgentHealthCheck,
    AlertsResolver,
    DeviceAlertsLoader,
    DeviceAlertsResolver,
  ],
  exports: [AlertsService],
})
export class AlertsModule {}
