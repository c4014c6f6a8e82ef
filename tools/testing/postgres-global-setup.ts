import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import type * as DatabaseModule from '../../apps/central/src/platform/database/database.js';

// One embedded PostgreSQL for the whole jest run (project `system`), in .data/test-<pid> of the
// checkout (as root, when user `postgres` cannot reach the checkout, .data/test-<pid>/postgres
// links to the cluster under EMBEDDED_POSTGRES_HOME; the teardown removes both). Migrations are
// applied once; tests create their own tenants (tools/testing/factories.ts) and never truncate.
//
// Workers get the URLs through process.env (jest hands globalSetup's env to them):
//   PRINTBEAT_TEST_DATABASE_URL      owner / migrator (superuser here): platform code, factories
//   PRINTBEAT_TEST_APP_DATABASE_URL  printbeat_app (NOSUPERUSER NOBYPASSRLS): TenantPrisma
// and as JSON in $PRINTBEAT_TEST_DATABASE_FILE ({ ownerUrl, appUrl, dataDir }).
//
// Jest loads this file without its moduleNameMapper, so central's TypeScript sources
// (ESM-style `.js` specifiers) are loaded through jiti (a dependency of the Prisma CLI).

export type TestDatabaseState = {
  handle: DatabaseModule.DatabaseHandle;
  runDir: string;
};

/** A run directory and, when its cluster was relocated (a link), the cluster it links to. */
function removeRunDir(runDir: string): void {
  const cluster = join(runDir, 'postgres');
  try {
    if (lstatSync(cluster).isSymbolicLink()) {
      rmSync(realpathSync(cluster), { recursive: true, force: true });
    }
  } catch {
    // no cluster, or its link points nowhere
  }
  rmSync(runDir, { recursive: true, force: true });
}

// jest shares globalThis between globalSetup and globalTeardown
declare global {
  var __printbeatTestDatabase: TestDatabaseState | undefined;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Data dirs of earlier runs that were killed before their teardown. */
function removeStaleRunDirs(dataRoot: string): void {
  if (!existsSync(dataRoot)) return;
  for (const name of readdirSync(dataRoot)) {
    const match = /^test-(\d+)$/.exec(name);
    if (match && !processAlive(Number(match[1]))) removeRunDir(join(dataRoot, name));
  }
}

export default async function globalSetup(): Promise<void> {
  const jiti = createJiti(import.meta.url);
  const { startDatabase } = await jiti.import<typeof DatabaseModule>(
    '../../apps/central/src/platform/database/database.ts',
  );
  const dataRoot = join(repoRoot, '.data');
  mkdirSync(dataRoot, { recursive: true, mode: 0o755 });
  removeStaleRunDirs(dataRoot);
  const runDir = join(dataRoot, `test-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { mode: 0o755 });

  const verbose = process.env['PRINTBEAT_TEST_LOG_LEVEL'] === 'debug';
  const started = Date.now();
  const handle = await startDatabase({
    dataDir: join(runDir, 'postgres'),
    port: await freeLoopbackPort(),
    databaseName: 'printbeat_test',
    embeddedPostgresHome: process.env['EMBEDDED_POSTGRES_HOME'],
    migrationsDir: join(repoRoot, 'prisma', 'migrations'),
    log: (message: string) => {
      if (verbose) process.stderr.write(`[test-db] ${message}\n`);
    },
  });
  globalThis.__printbeatTestDatabase = { handle, runDir };

  const file = join(runDir, 'database.json');
  writeFileSync(
    file,
    JSON.stringify({ ownerUrl: handle.ownerUrl, appUrl: handle.appUrl, dataDir: runDir }),
    { mode: 0o600 },
  );
  process.env['PRINTBEAT_TEST_DATABASE_URL'] = handle.ownerUrl;
  process.env['PRINTBEAT_TEST_APP_DATABASE_URL'] = handle.appUrl;
  process.env['PRINTBEAT_TEST_DATABASE_FILE'] = file;
  if (verbose) process.stderr.write(`[test-db] ready in ${Date.now() - started} ms\n`);
}
