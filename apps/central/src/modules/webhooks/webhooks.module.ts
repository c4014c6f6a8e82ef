import { Module } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WEBHOOK_SETTINGS, webhookSettingsFor } from './webhook-settings.js';
import { WebhookSecretBox } from './webhook-secret-box.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksResolver } from './webhooks.resolver.js';
import { WebhooksService } from './webhooks.service.js';

/** Needs JobsModule (global) in the application. */
@Module({
  imports: [AuditModule],
  providers: [
    {
      provide: WebhookSecretBox,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new WebhookSecretBox(config.caKeyPassphrase.reveal()),
    },
    {
      provide: WEBHOOK_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => webhookSettingsFor(config),
    },
    WebhooksRepository,
    WebhooksService,
    WebhookDeliveryWorker,
    WebhooksResolver,
  ],
  exports: [WebhooksService],
})
export class WebhooksModule {}
