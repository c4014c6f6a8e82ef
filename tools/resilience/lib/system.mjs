// Shared start-up for the resilience scripts that run central as real processes: an embedded
// PostgreSQL of the script's own (stoppable, freezable), central's built dist/main.js spawned
// on loopback ports (killable, restartable on the same DATA_DIR), a dealer with enrolled agents,
// and agents that upload signed zips and retry like apps/agent's uploader. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import got from 'got';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const PASSWORD = 'correct horse battery staple';
const CENTRAL_MAIN = join(ROOT, 'apps/central/dist/main.js');
const dist = (path) => pathToFileURL(join(ROOT, 'apps/central/dist', path)).href;

export const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const log = (line) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

export function buildUnlessSkipped() {
  if (process.argv.includes('--no-build')) return;
  log('building (tsc -b) …');
  execFileSync('npx', ['tsc', '-b'], { cwd: ROOT, stdio: 'inherit' });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return 'none';
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return `n=${sorted.length} p50=${at(50).toFixed(0)} ms p95=${at(95).toFixed(0)} ms max=${sorted.at(-1).toFixed(0)} ms`;
}

/** A temporary directory PostgreSQL (run as user postgres when we are root) can enter. */
export function workDir(label) {
  const work = mkdtempSync(join(tmpdir(), `pb-resilience-${label}-`));
  chmodSync(work, 0o755);
  return work;
}

/** The embedded PostgreSQL, started by this script, that it can stop, restart and freeze. */
export async function startPostgres(work) {
  const { startDatabase } = await import(dist('platform/database/database.js'));
  const dataDir = join(work, 'postgres');
  const port = await freePort();
  const options = {
    dataDir,
    port,
    databaseName: 'printbeat_resilience',
    migrationsDir: join(ROOT, 'prisma', 'migrations'),
    log: () => {},
  };
  let handle = await startDatabase(options);
  const postgres = {
    ownerUrl: handle.ownerUrl,
    appUrl: handle.appUrl,
    dataDir,
    async stop() {
      await handle?.stop();
      handle = null;
    },
    async start() {
      handle = await startDatabase(options);
    },
    /** The postmaster and its backends (read from postmaster.pid and /proc). */
    processIds() {
      const postmaster = Number(
        readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      const children = readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .filter((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
          } catch {
            return false;
          }
        })
        .map(Number);
      return [postmaster, ...children];
    },
    /** SIGSTOP (or SIGCONT) to the postmaster and every backend: a frozen, not a stopped, server. */
    signal(signal) {
      const pids = postgres.processIds();
      for (const pid of pids) {
        try {
          process.kill(pid, signal);
        } catch {
          // A backend that exited in between.
        }
      }
      return pids.length;
    },
  };
  return postgres;
}

/**
 * Central as a real process (dist/main.js): `start()` spawns it on fixed ports so a restart
 * comes back where agents look for it; `kill('SIGKILL')` is a crash.
 */
export async function defineCentral({ work, name, postgres, env = {} }) {
  const webPort = await freePort();
  const gatewayPort = await freePort();
  const web = `http://127.0.0.1:${webPort}`;
  const gateway = `https://127.0.0.1:${gatewayPort}`;
  const logFile = join(work, `${name}.log`);
  let child = null;
  const central = {
    name,
    web,
    gateway,
    logFile,
    get pid() {
      return child?.pid ?? null;
    },
    alive: () => child !== null && child.exitCode === null && child.signalCode === null,
    async start() {
      const out = openSync(logFile, 'a');
      child = spawn(process.execPath, [CENTRAL_MAIN], {
        env: {
          ...process.env,
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          PORT: String(webPort),
          GATEWAY_PORT: String(gatewayPort),
          LOG_LEVEL: 'warn',
          DATA_DIR: join(work, 'central'),
          DATABASE_URL: postgres.ownerUrl,
          DATABASE_APP_URL: postgres.appUrl,
          PORTAL_DIST: join(work, 'no-portal'),
          ENROLL_RATE_LIMIT_PER_MINUTE: '100000',
          ...env,
        },
        stdio: ['ignore', out, out],
      });
      closeSync(out);
      await central.waitReady(180_000);
    },
    async waitReady(timeoutMs = 120_000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        if (!central.alive()) throw new Error(`central ${name} exited; see ${logFile}`);
        const ready = await probe(`${web}/ready`, 2_000);
        if (ready.status === 200) return Date.now() - started;
        await sleep(250);
      }
      throw new Error(`central ${name} not ready after ${timeoutMs} ms; see ${logFile}`);
    },
    kill(signal = 'SIGKILL') {
      child?.kill(signal);
    },
    async stop() {
      if (!central.alive()) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await exited;
      clearTimeout(timer);
    },
    async exited() {
      if (!central.alive()) return;
      await new Promise((resolve) => child.once('exit', resolve));
    },
    caPem: () =>
      ['issuing.crt', 'root.crt']
        .map((file) => readFileSync(join(work, 'central', 'pki', 'ca', file), 'utf8'))
        .join('\n'),
  };
  return central;
}

/** GET with a bounded wait: `{ status, ms }`, status 0 when it failed or timed out. */
export async function probe(url, timeoutMs = 5_000) {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

export async function graphql(web, query, variables = {}, token, options = {}) {
  const response = await got.post(`${web}/graphql`, {
    json: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
    throwHttpErrors: false,
    retry: { limit: 0 },
    responseType: 'json',
    timeout: { request: 30_000 },
    ...options,
  });
  return response.body;
}

async function ok(web, query, variables, token) {
  const body = await graphql(web, query, variables, token);
  if (body.errors?.length) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`;

/**
 * A platform operator (written straight into the database, as the test factories do), a
 * dealer with one customer and site, a registration key for its agents, and optionally a
 * replenishment rule ordering toner below `thresholdPercent`.
 */
export async function seedDealer(web, postgres, { thresholdPercent = null } = {}) {
  const { hashPassword } = await import(dist('platform/auth/password-hasher.js'));
  const client = new pg.Client({ connectionString: postgres.ownerUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO users (tenant_id, email, name, role, password_hash, updated_at)
       VALUES ('00000000-0000-0000-0000-000000000001', 'operator@resilience.local', 'Operator', 'PLATFORM_OPERATOR', $1, now())`,
      [await hashPassword(PASSWORD)],
    );
  } finally {
    await client.end();
  }
  const signIn = async (email) =>
    (await ok(web, SIGN_IN, { e: email, p: PASSWORD })).signIn.accessToken;
  const operator = await signIn('operator@resilience.local');
  const created = await ok(
    web,
    `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
    {
      input: {
        name: 'Resilience dealer',
        slug: 'resilience',
        admin: { email: 'admin@resilience.local', name: 'Admin', password: PASSWORD },
      },
    },
    operator,
  );
  const token = await signIn('admin@resilience.local');
  const customerId = (
    await ok(
      web,
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
      { input: { name: 'Resilience customer' } },
      token,
    )
  ).createCustomer.id;
  const siteId = (
    await ok(
      web,
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
      { input: { customerId, name: 'Head office' } },
      token,
    )
  ).createSite.id;
  const registrationKey = (
    await ok(
      web,
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId } },
      token,
    )
  ).createRegistrationKey.secret;
  if (thresholdPercent !== null) {
    await ok(
      web,
      `mutation($input: CreateReplenishmentRuleInput!) { createReplenishmentRule(input: $input) { id } }`,
      { input: { name: 'Toner low', supplyType: 'toner', thresholdPercent } },
      token,
    );
  }
  return { tenantId: created.createTenant.tenant.id, token, customerId, siteId, registrationKey };
}

/**
 * Enrolls `count` agents, a few at a time (each with a CSR of its own; key pairs come from a
 * small pool because RSA key generation would dominate the set-up on a loaded machine).
 */
export async function enrollAgents({ gateways, caPem, registrationKey, count, keyPool = 8 }) {
  const { createCsr, generateKeyPair } = await import('@printbeat/pki');
  const pool = await Promise.all(
    Array.from({ length: Math.min(keyPool, count) }, () =>
      generateKeyPair({ modulusLength: 2048 }),
    ),
  );
  const agents = [];
  for (let start = 0; start < count; start += 8) {
    const batch = Array.from({ length: Math.min(8, count - start) }, (_, i) => start + i);
    agents.push(
      ...(await Promise.all(
        batch.map(async (index) => {
          const keys = pool[index % pool.length];
          const csr = createCsr({ ...keys, commonName: `resilience-agent-${index}` });
          const gateway = gateways[index % gateways.length];
          const enrolled = await got
            .post(`${gateway}/agent/v1/enroll`, {
              json: {
                registrationKey,
                csr,
                facts: { hostname: `site-${index}`, os: 'linux', agentVersion: '0.1.0' },
              },
              https: { certificateAuthority: caPem, minVersion: 'TLSv1.2' },
              retry: { limit: 0 },
              timeout: { request: 60_000 },
            })
            .json();
          return {
            index,
            agentId: enrolled.agentId,
            https: {
              certificateAuthority: caPem,
              minVersion: 'TLSv1.2',
              certificate: enrolled.certificate,
              key: keys.privateKeyPem,
            },
            privateKeyPem: keys.privateKeyPem,
          };
        }),
      )),
    );
  }
  return agents;
}

/**
 * One signed upload of `devices` printers as the agent builds it (packUpload: payload.xml,
 * manifest, JWS); `round` moves the counters and the reading time forward.
 */
/** Each agent's spool: `rounds` signed uploads, oldest first (`options` as for buildUpload). */
export async function buildSpools(agents, rounds, options = {}) {
  const spools = [];
  for (const agent of agents) {
    const spool = [];
    for (let round = 0; round < rounds; round++)
      spool.push(await buildUpload(agent, { ...options, round }));
    spools.push(spool);
  }
  return spools;
}

export async function buildUpload(agent, { round, devices = 12, tonerPercent = 60 }) {
  const { packUpload } = await import('@printbeat/payload');
  const takenAt = new Date().toISOString();
  const payload = {
    version: 1,
    uploadId: randomUUID(),
    agentId: agent.agentId,
    agentVersion: '0.1.0',
    createdAt: takenAt,
    devices: Array.from({ length: devices }, (_, i) => ({
      address: `10.${agent.index >> 8}.${agent.index & 255}.${i + 1}`,
      identity: {
        manufacturer: 'Kyocera',
        model: 'ECOSYS P3145dn',
        serial: `RS-${agent.index}-${i}`,
        mac: null,
        ip: `10.${agent.index >> 8}.${agent.index & 255}.${i + 1}`,
        hostname: null,
        firmware: null,
        location: null,
        contact: null,
        assetTag: null,
        sysObjectId: null,
        sysDescr: null,
        uptimeSeconds: 1000 + round,
      },
      readings: [
        {
          takenAt,
          counters: {
            total: 10_000 + round * 10,
            mono: 9_000 + round * 10,
            color: 1_000,
            extra: {},
          },
          supplies: [
            {
              index: '1.1',
              description: 'Black Toner',
              type: 'toner',
              color: 'black',
              level: tonerPercent,
              maxCapacity: 100,
              percent: tonerPercent,
              state: 'ok',
              partNumber: 'TK-3160',
            },
          ],
          status: { printer: 'idle', device: 'running', errors: [] },
          alerts: [],
          console: null,
        },
      ],
    })),
  };
  const { zip } = await packUpload({ payload, signManifest: agent.privateKeyPem });
  return { uploadId: payload.uploadId, zip: Buffer.from(zip) };
}

/** Figures of every attempt of every agent: statuses (with central's code), latencies. */
export function newTally() {
  return { attempts: {}, ms: [], acked: new Map(), duplicates: 0, rejected: [], gaveUp: 0 };
}

const count = (map, key) => (map[key] = (map[key] ?? 0) + 1);

/**
 * One agent's upload path: sends its spool oldest first; an upload leaves it only when central
 * acknowledges it (accepted or duplicate) or refuses it for good (4xx). 503/429/5xx and
 * network errors wait max(backoff with full jitter, Retry-After), as apps/agent does, and the
 * same bytes are sent again. Stops at `deadline` with whatever is left unsent.
 */
export async function drainAgent(agent, spool, tally, options) {
  const { gatewayFor, deadline, baseMs = 5_000, maxMs = 60_000, inFlight } = options;
  const backoff = options.backoff ?? { failures: 0 };
  while (spool.length > 0 && Date.now() < deadline) {
    const upload = spool[0];
    const started = performance.now();
    let status;
    let code = null;
    let retryAfterMs = 0;
    const request = { agent: agent.index, uploadId: upload.uploadId };
    inFlight?.add(request);
    try {
      const response = await got.post(`${gatewayFor(agent)}/agent/v1/uploads`, {
        body: upload.zip,
        headers: { 'content-type': 'application/zip', 'x-upload-id': upload.uploadId },
        https: agent.https,
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: 60_000 },
      });
      status = response.statusCode;
      try {
        const body = JSON.parse(response.body);
        code = body.error?.code ?? body.status ?? null;
      } catch {
        code = null;
      }
      const retryAfter = Number(response.headers['retry-after']);
      if (Number.isFinite(retryAfter)) retryAfterMs = retryAfter * 1000;
    } catch (error) {
      status = `network ${error.code ?? error.name}`;
    } finally {
      inFlight?.delete(request);
    }
    const ms = performance.now() - started;
    tally.ms.push(ms);
    const outcome = code && typeof status === 'number' ? `${status} ${code}` : String(status);
    count(tally.attempts, tally.phase ? `${tally.phase}: ${outcome}` : outcome);
    if (typeof status === 'number' && status >= 200 && status < 300) {
      tally.acked.set(upload.uploadId, { agentId: agent.agentId, code });
      if (code === 'duplicate') tally.duplicates += 1;
      spool.shift();
      backoff.failures = 0;
      continue;
    }
    if (
      typeof status === 'number' &&
      status >= 400 &&
      status < 500 &&
      ![401, 403, 408, 429].includes(status)
    ) {
      tally.rejected.push({ uploadId: upload.uploadId, status, code });
      spool.shift();
      continue;
    }
    const ceiling = Math.min(maxMs, baseMs * 2 ** backoff.failures);
    backoff.failures += 1;
    const wait = Math.max(baseMs / 2, Math.round(Math.random() * ceiling), retryAfterMs);
    await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
  }
  if (options.countLeftover !== false) tally.gaveUp += spool.length;
}

/**
 * What the database holds for these agents: upload rows per (agent, upload id), meter reads
 * per upload, devices per agent. `acked` is every upload id an agent got a 2xx for.
 */
export async function verifyStorage(postgres, tenantId, acked, { devicesPerUpload = 12 } = {}) {
  const client = new pg.Client({ connectionString: postgres.ownerUrl });
  await client.connect();
  try {
    const uploads = await client.query(
      `SELECT upload_id, count(*)::int AS rows FROM uploads WHERE tenant_id = $1 GROUP BY upload_id`,
      [tenantId],
    );
    const reads = await client.query(
      `SELECT u.upload_id, count(m.id)::int AS reads FROM uploads u
         LEFT JOIN meter_reads m ON m.tenant_id = u.tenant_id AND m.upload_id = u.id
        WHERE u.tenant_id = $1 GROUP BY u.id, u.upload_id`,
      [tenantId],
    );
    const devices = await client.query(
      `SELECT serial_number, count(*)::int AS rows FROM devices WHERE tenant_id = $1 GROUP BY serial_number`,
      [tenantId],
    );
    const stored = new Map(uploads.rows.map((row) => [row.upload_id, row]));
    const missing = [...acked.keys()].filter((id) => !stored.has(id));
    const twice = uploads.rows.filter((row) => row.rows > 1);
    const wrongReads = reads.rows.filter((row) => row.reads !== devicesPerUpload);
    const notAcked = uploads.rows.filter((row) => !acked.has(row.upload_id));
    return {
      acknowledged: acked.size,
      storedUploads: uploads.rows.length,
      missing: missing.length,
      storedTwice: twice.length,
      uploadsWithWrongReadCount: wrongReads.length,
      storedButNeverAcknowledged: notAcked.length,
      devices: devices.rows.length,
      devicesStoredTwice: devices.rows.filter((row) => row.rows > 1).length,
      examples: { missing: missing.slice(0, 3), wrongReads: wrongReads.slice(0, 3) },
    };
  } finally {
    await client.end();
  }
}

export function printTally(label, tally, totalMs) {
  console.log(`  ${label}`);
  for (const [status, times] of Object.entries(tally.attempts).sort()) {
    console.log(`    ${status.padEnd(36)} ${times}`);
  }
  const errors = Object.entries(tally.attempts)
    .filter(([status]) => /(^|: )5\d\d/.test(status) && !/(^|: )503/.test(status))
    .reduce((sum, [, times]) => sum + times, 0);
  console.log(`    latency per attempt: ${percentiles(tally.ms)}`);
  console.log(
    `    acknowledged ${tally.acked.size} (of which duplicate ${tally.duplicates}), refused for good ${tally.rejected.length}, left unsent ${tally.gaveUp}, errors (5xx other than 503) ${errors}` +
      (totalMs === undefined ? '' : `, total ${(totalMs / 1000).toFixed(1)} s`),
  );
  return errors;
}

export function randomSecret() {
  return randomBytes(32).toString('hex');
}
