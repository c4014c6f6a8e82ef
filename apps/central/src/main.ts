import 'reflect-metadata';
import { createApp } from './app.module.js';
import { describeConfig, loadConfigFromEnvironment, type AppConfig } from './config/config.js';
import { ConfigError } from './config/config.errors.js';
import { startDatabase } from './platform/database/database.js';
import { closeWithin } from './platform/lifecycle/close-within.js';
import { oncePerBurst } from './platform/logging/once-per-burst.js';
import { createLogger } from './platform/logging/logger.js';

/** In-flight requests and jobs get this long after SIGTERM; then the database is stopped anyway. */
const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * Composition only: config → database → Nest app → listen; on SIGINT/SIGTERM close the app,
 * then stop the database. The only place that sets the exit code.
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

  const logger = createLogger({ level: config.logLevel });
  process.on(
    'unhandledRejection',
    // A library's fire-and-forget database call failing during an outage must not stop central.
    oncePerBurst<unknown>((reason, suppressed) =>
      logger.error(
        { err: reason, suppressed },
        'unhandled promise rejection (central keeps running)',
      ),
    ),
  );
  logger.info({ config: describeConfig(config) }, 'starting central');

  const database = await startDatabase({
    databaseUrl: config.databaseUrl?.reveal(),
    databaseAppUrl: config.databaseAppUrl?.reveal(),
    dataDir: config.postgresDataDir,
    port: config.postgresPort ?? undefined,
    embeddedPostgresHome: config.embeddedPostgresHome ?? undefined,
    log: logger.child({ component: 'database' }),
  });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      if (app) {
        const current = app;
        const outcome = await closeWithin(
          () => current.close(),
          SHUTDOWN_DEADLINE_MS,
          () =>
            logger.warn(
              { deadlineMs: SHUTDOWN_DEADLINE_MS, open: process.getActiveResourcesInfo() },
              'central did not close in time; stopping anyway',
            ),
        );
        if (outcome === 'closed') logger.debug('app closed');
      }
    } finally {
      await database.stop();
      logger.info('stopped');
      // Whatever a library left armed must not keep a stopped server alive.
      setTimeout(() => process.exit(), 2_000).unref();
    }
  };
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  process.once('SIGINT', () => void stop('SIGINT').catch(fail));
  process.once('SIGTERM', () => void stop('SIGTERM').catch(fail));

  try {
    app = await createApp({ config, logger, database });
    await app.listen(config.port, config.host);
  } catch (error) {
    await database.stop();
    throw error;
  }
  logger.info(
    {
      url: `http://${config.host}:${config.port}`,
      graphql: `http://${config.host}:${config.port}/graphql`,
      embeddedDatabase: database.embedded,
    },
    'central listening',
  );
}

function fail(error: unknown): void {
  process.stderr.write(
    `central failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}

main().catch(fail);
