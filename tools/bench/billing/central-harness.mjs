// Shared by the billing and ingest benchmarks: builds central (tsc -b), starts a fresh embedded
// PostgreSQL on loopback and, when asked, central itself (AppModule plus the domain modules not
// yet wired into it) on 127.0.0.1. Everything lives in a temporary directory removed at the end.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dist = (path) => pathToFileURL(join(repoRoot, 'apps/central/dist', path)).href;

export function build() {
  process.stderr.write('building libs and central (tsc -b) …\n');
  execFileSync('npx', ['tsc', '-b', 'libs/domain', 'libs/payload', 'apps/central'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startBenchDatabase(name) {
  const { startDatabase } = await import(dist('platform/database/database.js'));
  const workDir = mkdtempSync(join(tmpdir(), `pb-bench-${name}-`));
  // The embedded server runs as user postgres: it must reach its data dir and our COPY files.
  chmodSync(workDir, 0o755);
  const handle = await startDatabase({
    dataDir: join(workDir, 'postgres'),
    port: await freeLoopbackPort(),
    databaseName: `printbeat_bench_${name}`,
    migrationsDir: join(repoRoot, 'prisma', 'migrations'),
    log: () => {},
  });
  return {
    handle,
    workDir,
    async stop() {
      await handle.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * Central's Nest app (HTTP on 127.0.0.1, or an application context when `http` is false);
 * `env` adds configuration (e.g. JOB_WORKERS).
 */
export async function startCentral(handle, workDir, { http = true, env = {} } = {}) {
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { Module } = await import('@nestjs/common');
  const { AppModule } = await import(dist('app.module.js'));
  const { loadConfig } = await import(dist('config/config.js'));
  const { createLogger } = await import(dist('platform/logging/logger.js'));
  const extra = [];
  for (const [path, name] of [
    ['platform/jobs/jobs.module.js', 'JobsModule'],
    ['modules/webhooks/webhooks.module.js', 'WebhooksModule'],
    ['modules/meters/meters.module.js', 'MetersModule'],
    ['modules/usage/usage.module.js', 'UsageModule'],
  ]) {
    extra.push((await import(dist(path)))[name]);
  }
  const config = loadConfig({
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      GATEWAY_HOST: '127.0.0.1',
      DATA_DIR: join(workDir, 'central'),
      DATABASE_URL: handle.ownerUrl,
      DATABASE_APP_URL: handle.appUrl,
      LOG_LEVEL: 'silent',
      PORTAL_DIST: join(workDir, 'no-portal'),
      ...env,
    },
  });
  const logger = createLogger({ level: config.logLevel });
  const database = {
    ownerUrl: handle.ownerUrl,
    appUrl: handle.appUrl,
    embedded: false,
    stop: async () => {},
  };
  class BenchModule {}
  Module({ imports: [AppModule.forRoot({ config, logger, database }), ...extra] })(BenchModule);
  if (!http) {
    const context = await NestFactory.createApplicationContext(BenchModule, { logger: false });
    return { app: context, baseUrl: null, close: () => context.close() };
  }
  const app = await NestFactory.create(BenchModule, { logger: false, bodyParser: true });
  await app.init();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/**
 * Central's ingest in this process (no HTTP, no gateway), on the bench database: a Nest
 * application context with config, logging, the database clients, the job queue (ingest's
 * domain services queue work on it) and the ingest module. Returns the context (close it),
 * IngestService and TenantPrisma.
 */
export async function startIngestContext(db, env = {}) {
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { Module } = await import('@nestjs/common');
  const { ConfigModule } = await centralExports('config/config.module.js');
  const { LoggingModule } = await centralExports('platform/logging/logging.module.js');
  const { PrismaModule } = await centralExports('platform/prisma/prisma.module.js');
  const { DatabaseHandleModule } = await centralExports('app.module.js');
  const { IngestModule } = await centralExports('modules/ingest/ingest.module.js');
  const { JobsModule } = await centralExports('platform/jobs/jobs.module.js');
  const { IngestService } = await centralExports('modules/ingest/ingest.service.js');
  const { TenantPrisma } = await centralExports('platform/prisma/tenant-prisma.js');
  const { loadConfig } = await centralExports('config/config.js');
  const { createLogger } = await centralExports('platform/logging/logger.js');
  const config = loadConfig({
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      GATEWAY_HOST: '127.0.0.1',
      DATA_DIR: join(db.workDir, 'central'),
      DATABASE_URL: db.handle.ownerUrl,
      DATABASE_APP_URL: db.handle.appUrl,
      LOG_LEVEL: 'silent',
      ...env,
    },
  });
  class IngestBenchModule {}
  Module({
    imports: [
      ConfigModule.forRoot(config),
      LoggingModule.forRoot(createLogger({ level: 'silent' })),
      DatabaseHandleModule.forRoot({ ...db.handle }),
      PrismaModule,
      JobsModule,
      IngestModule,
    ],
  })(IngestBenchModule);
  const context = await NestFactory.createApplicationContext(IngestBenchModule, { logger: false });
  return { context, ingest: context.get(IngestService), tenantPrisma: context.get(TenantPrisma) };
}

export async function centralExports(path) {
  return import(dist(path));
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1),
  };
}

export function argValue(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl) {
  return process.argv[1] != null && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** The per-key request limit (600 a minute by default) would stop a fast run part-way. */
export const BENCH_CENTRAL_ENV = { REQUEST_RATE_LIMIT_PER_MINUTE: '1000000' };

/** An API key of the tenant with these scopes, written straight into the bench database. */
export async function benchApiKey(owner, tenantId, scopes) {
  const { newApiKey, sha256Hex } = await centralExports('platform/auth/opaque-tokens.js');
  const { key, prefix } = newApiKey();
  await owner.query(
    `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, scopes) VALUES ($1, 'bench', $2, $3, $4)`,
    [tenantId, prefix, sha256Hex(key), scopes],
  );
  return key;
}

/** The machine's cores and load average at the end of a measurement (`load`: os.loadavg()). */
export function machineLine(load = loadavg()) {
  return `machine: ${cpus().length} cores, load average ${load.map((x) => x.toFixed(1)).join(' / ')} (other work shares the cores: wall times include waiting)`;
}

/**
 * Waits until the 1-minute load average is at most `maxLoad` (other work off the cores), for
 * at most `maxMinutes`; returns the load it saw last. Figures measured after a timeout say so
 * through the machine line.
 */
export async function waitForQuietMachine({ maxLoad, maxMinutes }) {
  const until = Date.now() + maxMinutes * 60_000;
  let announced = false;
  while (loadavg()[0] > maxLoad && Date.now() < until) {
    if (!announced)
      process.stderr.write(
        `waiting up to ${maxMinutes} min for the load average to fall to ${maxLoad} (now ${loadavg()[0].toFixed(1)}) …\n`,
      );
    announced = true;
    await sleep(10_000);
  }
  return loadavg()[0];
}

/**
 * A benchmark's frame: builds central, starts a fresh bench database with an owner connection,
 * runs `body({ db, owner, startCentral })` (`startCentral(options)` starts central on it) and
 * closes all of it whatever happens. A failure is printed; the exit stays 0 (benchmarks never
 * fail a build).
 */
export function runBench(name, body) {
  const run = async () => {
    build();
    const db = await startBenchDatabase(name);
    const owner = new pg.Client({ connectionString: db.handle.ownerUrl });
    await owner.connect();
    let central = null;
    try {
      await body({
        db,
        owner,
        startCentral: async (options) =>
          (central = await startCentral(db.handle, db.workDir, options)),
      });
    } finally {
      await central?.close().catch(() => {});
      await owner.end().catch(() => {});
      await db.stop();
    }
  };
  run().catch((error) => {
    console.error(error);
    process.exitCode = 0;
  });
}
