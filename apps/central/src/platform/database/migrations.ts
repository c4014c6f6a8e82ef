import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type pg from 'pg';
import { DatabaseError, type DatabaseLog, logInfo, logWarn } from './database.errors.js';

// Applies prisma/migrations in process, keeping `_prisma_migrations` exactly as the Prisma CLI
// does (same table, same SHA-256 checksums, same advisory lock), so `prisma migrate status`
// and `migrate deploy` agree with what central applied. Central does not need the Prisma CLI
// (a dev dependency) at run time, and a boot costs milliseconds instead of loading the wasm
// schema engine. Each migration runs in one transaction together with its bookkeeping row.

/** Prisma Migrate's advisory lock key: central and the CLI never migrate at the same time. */
const PRISMA_MIGRATE_LOCK = 72707369;

export type MigrationFile = { name: string; sql: string; checksum: string };

/**
 * The migrations folder of the checkout or image: prisma/migrations above the main script or
 * the working directory. (No import.meta here: the jest global setup loads this file as CJS.)
 */
export function findMigrationsDir(): string {
  const starts = [...(process.argv[1] ? [dirname(process.argv[1])] : []), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'prisma', 'migrations');
      if (existsSync(join(candidate, 'migration_lock.toml'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new DatabaseError(
    'MIGRATIONS_NOT_FOUND',
    'prisma/migrations not found above the central build or the working directory',
  );
}

export function readMigrations(migrationsDir: string): MigrationFile[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

/**
 * Applies every migration not yet applied, in name order. Returns the names applied now.
 * A migration that fails is rolled back completely and recorded with its error and
 * `rolled_back_at`, so the next start retries it after the SQL is fixed.
 */
export async function applyMigrations(
  client: pg.Client,
  options: { migrationsDir: string; log: DatabaseLog },
): Promise<string[]> {
  const migrations = readMigrations(options.migrationsDir);
  await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at',
    );
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      throw new DatabaseError(
        'MIGRATION_FAILED_EARLIER',
        `migration ${failed.migration_name} failed earlier and was not rolled back; fix the database, then ` +
          `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}' AND finished_at IS NULL`,
      );
    }
    const applied = new Map(
      rows
        .filter((row) => row.finished_at !== null && row.rolled_back_at === null)
        .map((row) => [row.migration_name, row]),
    );
    const local = new Set(migrations.map((migration) => migration.name));
    for (const name of applied.keys()) {
      if (!local.has(name))
        logWarn(
          options.log,
          `migration ${name} is applied in the database but missing in ${options.migrationsDir}`,
        );
    }

    const appliedNow: string[] = [];
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row) {
        if (row.checksum !== migration.checksum) {
          logWarn(
            options.log,
            `migration ${migration.name} was edited after it was applied (checksum differs)`,
          );
        }
        continue;
      }
      await applyOne(client, migration);
      appliedNow.push(migration.name);
      logInfo(options.log, `applied migration ${migration.name}`);
    }
    return appliedNow;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    );
    // One simple-protocol query: `$$` bodies and many statements go through unsplit.
    await client.query(migration.sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const message = error instanceof Error ? error.message : String(error);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, now(), now(), 0)`,
      [id, migration.checksum, migration.name, message],
    );
    throw new DatabaseError(
      'MIGRATION_FAILED',
      `migration ${migration.name} failed and was rolled back: ${message}`,
      {
        cause: error,
      },
    );
  }
}
