import { resolve } from 'node:path';
import pg from 'pg';
import { loadConfigFromEnvironment } from '../../config/config.js';
import { ConfigError } from '../../config/config.errors.js';
import { startDatabase } from '../database/database.js';
import { createLogger } from '../logging/logger.js';
import { deleteTenant, exportTenant, OffboardingRefusal } from './tenant-offboarding.js';

const USAGE = `Usage:
  offboard-tenant export <tenant-id> --out <file.zip>
  offboard-tenant delete <tenant-id> --confirm <tenant-slug>

Same configuration and database as central (the embedded PostgreSQL when DATABASE_URL is
unset: stop central first). export writes every row of the dealer tenant as NDJSON per table
in a zip with a manifest; delete removes the tenant and all its data, only after an export
made since its last upload.`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Exit codes: 0 done, 1 failed, 2 usage or refusal. */
async function main(args: string[]): Promise<number> {
  const [command, tenantId] = args;
  const out = option(args, '--out');
  const confirm = option(args, '--confirm');
  if (
    !tenantId ||
    (command === 'export' && !out) ||
    (command === 'delete' && !confirm) ||
    (command !== 'export' && command !== 'delete')
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: 'warn' });
  const database = await startDatabase({
    databaseUrl: config.databaseUrl?.reveal(),
    databaseAppUrl: config.databaseAppUrl?.reveal(),
    dataDir: config.postgresDataDir,
    port: config.postgresPort ?? undefined,
    embeddedPostgresHome: config.embeddedPostgresHome ?? undefined,
    log: logger.child({ component: 'database' }),
  });
  const pool = new pg.Pool({ connectionString: database.ownerUrl, max: 1 });
  try {
    if (command === 'export') {
      const file = resolve(out!);
      const manifest = await exportTenant(pool, tenantId, file);
      const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
      process.stdout.write(
        `Exported tenant ${manifest.slug} (${manifest.name}): ${rows} rows in ${Object.keys(manifest.tables).length} tables to ${file}\n`,
      );
    } else {
      const deleted = await deleteTenant(pool, tenantId, confirm!);
      const rows = Object.values(deleted).reduce((sum, n) => sum + n, 0);
      process.stdout.write(`Deleted tenant ${tenantId}: ${rows} rows, then the tenant.\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof OffboardingRefusal) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await pool.end();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `offboard-tenant failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
