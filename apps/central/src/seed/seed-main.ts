import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseHandleModule } from '../app.module.js';
import { loadConfigFromEnvironment, type AppConfig } from '../config/config.js';
import { ConfigError } from '../config/config.errors.js';
import { ConfigModule } from '../config/config.module.js';
import { startDatabase, type DatabaseHandle } from '../platform/database/database.js';
import { createLogger } from '../platform/logging/logger.js';
import { LoggingModule } from '../platform/logging/logging.module.js';
import { NestPinoLogger } from '../platform/logging/nest-logger.js';
import { PrismaModule } from '../platform/prisma/prisma.module.js';
import { PrismaService } from '../platform/prisma/prisma.service.js';
import type { Logger } from 'pino';
import { describeSeed, seed } from './seed.js';

@Module({})
class SeedModule {
  static forRoot(config: AppConfig, logger: Logger, database: DatabaseHandle): DynamicModule {
    return {
      module: SeedModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseHandleModule.forRoot(database),
        PrismaModule,
      ],
    };
  }
}

/**
 * `npm run seed`: same configuration and database as `npm start` (the embedded PostgreSQL
 * when DATABASE_URL is unset — stop central first, the data directory is not shared), then
 * the idempotent seed. Prints the credentials it set.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await startDatabase({
    databaseUrl: config.databaseUrl?.reveal(),
    databaseAppUrl: config.databaseAppUrl?.reveal(),
    dataDir: config.postgresDataDir,
    port: config.postgresPort ?? undefined,
    embeddedPostgresHome: config.embeddedPostgresHome ?? undefined,
    log: logger.child({ component: 'database' }),
  });
  try {
    const context = await NestFactory.createApplicationContext(
      SeedModule.forRoot(config, logger, database),
      {
        logger: new NestPinoLogger(logger),
      },
    );
    try {
      const result = await seed(context.get(PrismaService), {
        resetPasswords: process.argv.includes('--reset-passwords'),
      });
      process.stdout.write(
        process.argv.includes('--json')
          ? `${JSON.stringify(result)}\n`
          : `${describeSeed(result)}\n`,
      );
    } finally {
      await context.close();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
