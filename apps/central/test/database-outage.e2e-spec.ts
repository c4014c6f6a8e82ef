// Central as a real process on a PostgreSQL of the test's own, stopped for a while and started
// again under it: central keeps running (no exit on the job queue's or the pools' errors),
// `/health` stays up, `/ready` says 503 quickly during the outage and 200 after it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import got from 'got';
import { startDatabase, type DatabaseHandle } from '../src/platform/database/database.js';
import { agentKeys } from '../src/gateway/test-support/agent-channel.js';
import { newRegistrationKey } from '../src/modules/registration-keys/registration-key-secret.js';
import {
  CENTRAL_MAIN,
  ROOT,
  centralProcessEnv,
  freePort,
  stopProcess,
  waitFor,
} from './test-support/e2e-processes.js';

const OUTAGE_MS = 20_000;

describe('central through a database outage', () => {
  const work = join(ROOT, '.data', `test-${process.ppid}-outage-${process.pid}`);
  const dataDir = join(work, 'postgres');
  const migrationsDir = join(ROOT, 'prisma', 'migrations');
  let database: DatabaseHandle | null = null;
  let central: ChildProcess | null = null;
  let web = '';
  let gateway = '';

  const signInAttempt = async (): Promise<{
    errors?: { extensions?: Record<string, unknown> }[];
  }> => {
    const response = await fetch(`${web}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { signIn(email: "nobody@example.com", password: "wrong") { accessToken } }',
      }),
    });
    return (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
  };

  const enrollAttempt = async () => {
    const keys = await agentKeys('outage-agent');
    const ca = ['issuing.crt', 'root.crt']
      .map((file) => readFileSync(join(work, 'central', 'pki', 'ca', file), 'utf8'))
      .join('\n');
    const response = await got.post(`${gateway}/agent/v1/enroll`, {
      json: {
        registrationKey: newRegistrationKey().key,
        csr: keys.csr,
        facts: { hostname: 'outage', os: 'linux', agentVersion: '0.1.0' },
      },
      https: { certificateAuthority: ca },
      retry: { limit: 0 },
      throwHttpErrors: false,
      responseType: 'json',
      timeout: { request: 30_000 },
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  };

  const timedGet = async (path: string): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    const response = await fetch(`${web}${path}`);
    return { status: response.status, ms: performance.now() - started };
  };

  beforeAll(() => {
    mkdirSync(work, { recursive: true, mode: 0o755 });
    chmodSync(work, 0o755);
  });

  afterAll(async () => {
    await stopProcess(central);
    const cluster = database?.clusterDir;
    await database?.stop();
    // As root it may live outside `work` (relocated where user postgres can reach it).
    if (cluster) rmSync(cluster, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps running and is ready again once the database is back', async () => {
    const port = await freePort();
    database = await startDatabase({ dataDir, port, migrationsDir, log: () => undefined });
    const webPort = await freePort();
    const gatewayPort = await freePort();
    gateway = `https://127.0.0.1:${gatewayPort}`;
    web = `http://127.0.0.1:${webPort}`;
    const log = join(work, 'central.log');
    const out = openSync(log, 'a');
    central = spawn(process.execPath, [CENTRAL_MAIN], {
      env: {
        ...centralProcessEnv(join(work, 'central'), work),
        DATABASE_URL: database.ownerUrl,
        DATABASE_APP_URL: database.appUrl,
        PORT: String(webPort),
        GATEWAY_PORT: String(gatewayPort),
      },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    await waitFor(
      'central to be ready',
      async () => (await timedGet('/ready')).status === 200,
      90_000,
    );

    await database.stop();
    const outageEnds = Date.now() + OUTAGE_MS;
    const graphqlDuringOutage = await signInAttempt();
    const enrollDuringOutage = await enrollAttempt();
    const during: { health: number; ready: number; readyMs: number }[] = [];
    while (Date.now() < outageEnds) {
      const [health, ready] = await Promise.all([timedGet('/health'), timedGet('/ready')]);
      during.push({ health: health.status, ready: ready.status, readyMs: ready.ms });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    database = await startDatabase({ dataDir, port, migrationsDir, log: () => undefined });

    // Told to come back later, never a bare 500: GraphQL says so in its code, agents get 503.
    expect(graphqlDuringOutage.errors?.[0]?.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
    });
    expect(enrollDuringOutage.status).toBe(503);
    expect(Number(enrollDuringOutage.headers['retry-after'])).toBeGreaterThan(0);
    expect(enrollDuringOutage.body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    expect(during.every((probe) => probe.health === 200)).toBe(true);
    expect(during.every((probe) => probe.ready === 503)).toBe(true);
    expect(Math.max(...during.map((probe) => probe.readyMs))).toBeLessThan(1_500);
    await waitFor(
      'central to be ready again',
      async () => (await timedGet('/ready')).status === 200,
      60_000,
    );
    // A request that needs the database works again (the pools reconnected).
    const signIn = await fetch(`${web}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { signIn(email: "nobody@example.com", password: "wrong") { accessToken } }',
      }),
    });
    const body = (await signIn.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(central.exitCode).toBeNull();
    expect(readFileSync(log, 'utf8')).not.toMatch(/central failed/);
  }, 240_000);
});
