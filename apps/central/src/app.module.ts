import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { GatewayModule } from './gateway/gateway.module.js';
import { AgentsModule } from './modules/agents/agents.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { ApiKeysModule } from './modules/api-keys/api-keys.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuditActorsModule } from './modules/audit-actors/audit-actors.module.js';
import { BillingExportsModule } from './modules/billing-exports/billing-exports.module.js';
import { CommandsModule } from './modules/commands/commands.module.js';
import { CustomersModule } from './modules/customers/customers.module.js';
import { ContractsModule } from './modules/contracts/contracts.module.js';
import { ReconciliationModule } from './modules/reconciliation/reconciliation.module.js';
import { DeviceAdministrationModule } from './modules/device-administration/device-administration.module.js';
import { DevicesModule } from './modules/devices/devices.module.js';
import { JobsModule } from './platform/jobs/jobs.module.js';
import { MaskingModule } from './modules/masking/masking.module.js';
import { MetersModule } from './modules/meters/meters.module.js';
import { ReleasesModule } from './modules/releases/releases.module.js';
import { RegistrationKeysModule } from './modules/registration-keys/registration-keys.module.js';
import { ReplenishmentModule } from './modules/replenishment/replenishment.module.js';
import { RetentionModule } from './modules/retention/retention.module.js';
import { SitesModule } from './modules/sites/sites.module.js';
import { SuppliesModule } from './modules/supplies/supplies.module.js';
import { TenantsModule } from './modules/tenants/tenants.module.js';
import { UsageModule } from './modules/usage/usage.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { AuthModule } from './platform/auth/auth.module.js';
import { ErrorsModule } from './platform/errors/errors.module.js';
import { EventsModule } from './platform/events/events.module.js';
import { graphqlModule } from './platform/graphql/graphql.setup.js';
import { HttpModule } from './platform/http/http.module.js';
import { portalStaticMiddleware } from './platform/http/portal-static.js';
import { LoggingModule } from './platform/logging/logging.module.js';
import { MailModule } from './platform/mail/mail.module.js';
import { httpMetricsMiddleware } from './platform/metrics/http-metrics.middleware.js';
import { MetricsModule } from './platform/metrics/metrics.module.js';
import { MetricsService } from './platform/metrics/metrics.service.js';
import { NestPinoLogger } from './platform/logging/nest-logger.js';
import { PkiModule } from './platform/pki/pki.module.js';
import { RateLimitsModule } from './platform/rate-limits/rate-limits.module.js';
import { requestLoggingMiddleware } from './platform/logging/request-logging.middleware.js';
import type { DatabaseHandle } from './platform/database/database.js';
import {
  DEFAULT_LANE_SIZES,
  LANE_SIZES,
  type LaneSizes,
} from './platform/prisma/capacity-lanes.js';
import { DATABASE_HANDLE, PrismaModule } from './platform/prisma/prisma.module.js';

export type AppDependencies = {
  config: AppConfig;
  logger: Logger;
  database: DatabaseHandle;
};

@Module({})
export class AppModule {
  static forRoot({ config, logger, database }: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseHandleModule.forRoot(database, config.databaseLanes),
        PrismaModule,
        ErrorsModule,
        RateLimitsModule,
        AuthModule,
        graphqlModule(),
        HttpModule,
        MetricsModule,
        TenantsModule,
        UsersModule,
        CustomersModule,
        SitesModule,
        ApiKeysModule,
        AuditModule,
        AuditActorsModule,
        PkiModule,
        RegistrationKeysModule,
        AgentsModule,
        CommandsModule,
        DevicesModule,
        DeviceAdministrationModule,
        ContractsModule,
        JobsModule,
        MailModule,
        EventsModule,
        WebhooksModule,
        NotificationsModule,
        MetersModule,
        UsageModule,
        BillingExportsModule,
        ReconciliationModule,
        SuppliesModule,
        ReplenishmentModule,
        RetentionModule,
        MaskingModule,
        AlertsModule,
        ReleasesModule,
        GatewayModule,
      ],
    };
  }
}

/** Hands the started database (and the pool size of each capacity lane) to `PrismaModule`. */
@Module({})
export class DatabaseHandleModule {
  static forRoot(database: DatabaseHandle, lanes: LaneSizes = DEFAULT_LANE_SIZES): DynamicModule {
    return {
      module: DatabaseHandleModule,
      global: true,
      providers: [
        { provide: DATABASE_HANDLE, useValue: database },
        { provide: LANE_SIZES, useValue: lanes },
      ],
      exports: [DATABASE_HANDLE, LANE_SIZES],
    };
  }
}

/**
 * The Nest application on Express 5, with request ids/logging first and the portal build
 * last. Not listening yet: `main.ts` and the integration tests decide where.
 */
export async function createApp(dependencies: AppDependencies): Promise<NestExpressApplication> {
  const { config, logger } = dependencies;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(dependencies), {
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
    bodyParser: true,
    // Keep-alive connections (browsers, billing clients) must not hold a stopping server open.
    forceCloseConnections: true,
  });
  app.disable('x-powered-by');
  app.use(requestLoggingMiddleware(logger));
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  const portal = portalStaticMiddleware(config.portalDist);
  if (portal) app.use(portal);
  await app.init();
  return app;
}
