import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../../config/config.js';

export type TestAppSetup = { config: AppConfig; dataDir: string; ownerUrl: string; appUrl: string };

/**
 * The configuration every in-process test app starts from: the run's embedded PostgreSQL
 * (tools/testing/postgres-global-setup.ts), a temporary data directory, a fresh JWT secret,
 * a job queue and rate-limit counters of their own — apps of other suites share the
 * database, and a job one of them queued must not be run (or cut short at shutdown) by another.
 */
export function testAppConfig(
  overrides: Record<string, string>,
  dataDirPrefix: string,
): TestAppSetup {
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'];
  const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL'];
  if (!ownerUrl || !appUrl)
    throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const config = loadConfig({
    env: {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      DATABASE_URL: ownerUrl,
      DATABASE_APP_URL: appUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env['PRINTBEAT_TEST_LOG_LEVEL'] ?? 'silent',
      PORTAL_DIST: join(dataDir, 'no-portal'),
      JOB_QUEUE_SCHEMA: `pgboss_t_${randomBytes(4).toString('hex')}`,
      // The tests' webhook receivers listen on loopback.
      WEBHOOK_ALLOWED_TARGETS: '127.0.0.0/8',
      // Apps of other suites sign in from 127.0.0.1 too: their counters must not mix.
      RATE_LIMIT_SCHEMA: `rate_limits_t_${randomBytes(4).toString('hex')}`,
      // Fixtures are dated 2025–2026 and must stay current readings as the calendar moves on.
      AGENT_READING_MAX_AGE_DAYS: '3650',
      ...overrides,
    },
  });
  return { config, dataDir, ownerUrl, appUrl };
}
