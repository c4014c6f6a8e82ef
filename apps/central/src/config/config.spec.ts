import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describeConfig, loadConfig } from './config.js';
import { ConfigError } from './config.errors.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'pb-config-'));

function loadError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ env: { DATA_DIR: dataDir(), ...env } });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults on an empty environment', () => {
    const dir = dataDir();
    const config = loadConfig({ env: { DATA_DIR: dir } });
    expect(config.port).toBe(3000);
    expect(config.gatewayPort).toBe(8443);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeNull();
    expect(config.postgresDataDir).toBe(join(dir, 'postgres'));
    expect(config.embeddedPostgresHome).toBeNull(); // the database module's default
    expect(config.accessTokenTtlSeconds).toBe(900);
    expect(config.logLevel).toBe('info');
    expect(config.graphiql).toBe(true);
  });

  it('resolves EMBEDDED_POSTGRES_HOME like the other paths', () => {
    const config = loadConfig({
      env: { DATA_DIR: dataDir(), EMBEDDED_POSTGRES_HOME: 'relative/home' },
      cwd: '/srv/printbeat',
    });
    expect(config.embeddedPostgresHome).toBe('/srv/printbeat/relative/home');
  });

  it('turns introspection off in production unless told, with GraphiQL by default', () => {
    const env = { DATA_DIR: dataDir(), NODE_ENV: 'production' };
    expect(loadConfig({ env }).graphqlIntrospection).toBe(false);
    expect(loadConfig({ env: { ...env, GRAPHIQL: 'true' } }).graphqlIntrospection).toBe(true);
    expect(loadConfig({ env: { ...env, GRAPHQL_INTROSPECTION: 'on' } }).graphqlIntrospection).toBe(
      true,
    );
    expect(loadConfig({ env: { DATA_DIR: dataDir() } }).graphqlIntrospection).toBe(true);
    expect(
      loadConfig({ env: { DATA_DIR: dataDir(), GRAPHQL_MAX_COST: '20000' } }).graphqlLimits,
    ).toEqual({ maxTokens: 5000, maxAliases: 30, maxDepth: 12, maxDirectives: 30, maxCost: 20000 });
  });

  it('reads numbers and booleans from strings', () => {
    const config = loadConfig({
      env: { DATA_DIR: dataDir(), PORT: '4100', GRAPHIQL: 'false', ACCESS_TOKEN_TTL_SECONDS: '60' },
    });
    expect(config.port).toBe(4100);
    expect(config.graphiql).toBe(false);
    expect(config.accessTokenTtlSeconds).toBe(60);
  });

  it('names the key, the rule and the bad value', () => {
    expect(loadError({ PORT: 'abc' }).message).toBe(
      'Invalid config: PORT must be an integer between 1 and 65535 (got "abc")',
    );
    expect(loadError({ PORT: '70000' }).message).toContain(
      'PORT must be an integer between 1 and 65535 (got "70000")',
    );
    expect(loadError({ LOG_LEVEL: 'loud' }).message).toContain(
      'LOG_LEVEL must be one of fatal, error',
    );
  });

  it('sizes the upload parsing pool, with bounds', () => {
    const defaults = loadConfig({ env: { DATA_DIR: dataDir() } });
    expect([
      defaults.uploadWorkers,
      defaults.uploadQueueMax,
      defaults.uploadWorkerHeapMb,
      defaults.uploadRetryAfterSeconds,
    ]).toEqual([2, 8, 256, 5]);
    const set = loadConfig({
      env: { DATA_DIR: dataDir(), UPLOAD_WORKERS: '4', UPLOAD_QUEUE_MAX: '0' },
    });
    expect([set.uploadWorkers, set.uploadQueueMax]).toEqual([4, 0]);
    expect(loadError({ UPLOAD_WORKERS: '0' }).message).toContain(
      'UPLOAD_WORKERS must be an integer between 1 and 64 (got "0")',
    );
    expect(loadError({ UPLOAD_WORKER_HEAP_MB: '8' }).message).toContain(
      'UPLOAD_WORKER_HEAP_MB must be an integer between 16 and 16384',
    );
  });

  it('sizes the job workers (defaults, from strings, bounded)', () => {
    expect(loadConfig({ env: { DATA_DIR: dataDir() } })).toMatchObject({
      jobWorkers: 2,
      jobBatchSize: 25,
    });
    expect(
      loadConfig({ env: { DATA_DIR: dataDir(), JOB_WORKERS: '4', JOB_BATCH_SIZE: '50' } }),
    ).toMatchObject({ jobWorkers: 4, jobBatchSize: 50 });
    expect(loadError({ JOB_WORKERS: '0' }).message).toContain(
      'JOB_WORKERS must be an integer between 1 and 32 (got "0")',
    );
  });

  it('reads the early-replacement level and the counter-source tolerance (defaults, bounded)', () => {
    expect(loadConfig({ env: { DATA_DIR: dataDir() } })).toMatchObject({
      supplyEarlyReplacementPercent: 10,
      counterSourceTolerancePercent: 1,
    });
    expect(
      loadConfig({
        env: {
          DATA_DIR: dataDir(),
          SUPPLY_EARLY_REPLACEMENT_PERCENT: '25',
          COUNTER_SOURCE_TOLERANCE_PERCENT: '3',
        },
      }),
    ).toMatchObject({ supplyEarlyReplacementPercent: 25, counterSourceTolerancePercent: 3 });
    expect(loadError({ SUPPLY_EARLY_REPLACEMENT_PERCENT: '101' }).message).toContain(
      'SUPPLY_EARLY_REPLACEMENT_PERCENT must be an integer between 0 and 100',
    );
  });

  it('lists every problem at once', () => {
    const error = loadError({ PORT: 'x', GATEWAY_PORT: '70000', NODE_ENV: 'staging' });
    expect(error.problems).toHaveLength(3);
  });

  it('takes METRICS_TOKEN as a secret (min 16 characters, never echoed)', () => {
    const token = 'scrape-token-0123456789';
    const config = loadConfig({ env: { DATA_DIR: dataDir(), METRICS_TOKEN: token } });
    expect(config.metricsToken?.reveal()).toBe(token);
    expect(JSON.stringify(describeConfig(config))).not.toContain(token);
    expect(loadConfig({ env: { DATA_DIR: dataDir() } }).metricsToken).toBeNull();
    const error = loadError({ METRICS_TOKEN: 'short-hunter4' });
    expect(error.message).toContain('METRICS_TOKEN must be at least 16 characters long');
    expect(error.message).not.toContain('hunter4');
  });

  it('never echoes a secret value in an error', () => {
    const error = loadError({
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      JWT_SECRET: 'short-secret-hunter3',
    });
    expect(error.message).toContain('DATABASE_URL must be a postgresql:// URL');
    expect(error.message).toContain('JWT_SECRET must be at least 32 characters long');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('hunter3');
  });

  it('generates the JWT secret once, persists it with mode 0600, and reuses it', () => {
    const dir = dataDir();
    const first = loadConfig({ env: { DATA_DIR: dir } });
    const second = loadConfig({ env: { DATA_DIR: dir } });
    expect(first.jwtSecret.reveal()).toHaveLength(64);
    expect(second.jwtSecret.reveal()).toBe(first.jwtSecret.reveal());
    const file = join(dir, 'secrets', 'jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret.reveal());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
  });

  it('redacts secrets in printouts, JSON and inspect', () => {
    const config = loadConfig({
      env: {
        DATA_DIR: dataDir(),
        DATABASE_URL: 'postgresql://u:topsecretpw@127.0.0.1/db',
        JWT_SECRET: 'x'.repeat(40),
      },
    });
    const printed = [
      JSON.stringify(describeConfig(config)),
      inspect(config),
      JSON.stringify(config),
      String(config.jwtSecret),
    ].join('\n');
    expect(printed).not.toContain('topsecretpw');
    expect(printed).not.toContain('x'.repeat(40));
    expect(describeConfig(config)['databaseUrl']).toBe('[redacted]');
    expect(config.databaseUrl?.reveal()).toBe('postgresql://u:topsecretpw@127.0.0.1/db');
  });

  it('reads a JSON config file, with the environment winning', () => {
    const dir = dataDir();
    const file = join(dir, 'central.json');
    writeFileSync(file, JSON.stringify({ PORT: 5000, GATEWAY_PORT: 9443 }));
    const config = loadConfig({ env: { DATA_DIR: dir, PRINTBEAT_CONFIG: file, PORT: '5001' } });
    expect(config.port).toBe(5001);
    expect(config.gatewayPort).toBe(9443);
  });

  it('rejects unknown keys and broken JSON in the config file', () => {
    const dir = dataDir();
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ PROT: 1 }));
    expect(loadError({ PRINTBEAT_CONFIG: unknown }).message).toContain(
      'PROT is not a known setting',
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ nope');
    expect(loadError({ PRINTBEAT_CONFIG: broken }).message).toContain('is not valid JSON');
  });
});
