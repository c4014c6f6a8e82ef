// Resilience: concurrent element-flood uploads against a running central, validly signed and
// within every size limit. Two rounds: `unknown` — 30 MB of `<x/>` in a 31 KB zip (the flood
// as reported); `known` — 28 MB of structurally legal devices of minimal readings (only the
// element count stops it). Prints the time to refuse each, central's RSS during each round and
// the slowest `/health` answer. Prints figures, never fails on a number (exit 1 only if it
// cannot run).
//
//   node tools/resilience/element-flood.mjs [--count 5] [--kind unknown|known|both] [--start]
//     default: against `npm start` (web :3000, gateway :8443, the demo agent in ./.data)
//     --start: starts its own demo system on spare loopback ports in a temporary data dir
//     --data-dir D --web URL --gateway URL: another running system (the agent in D/demo/agent)
import { spawn } from 'node:child_process';
import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { CompactSign } from 'jose';
import { buildPayloadXml, MANIFEST_CONTENT_TYPE } from '@printbeat/payload';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const count = Number(option('count', '5'));
const kinds = option('kind', 'both') === 'both' ? ['unknown', 'known'] : [option('kind')];
const startOwn = args.includes('--start');
const ELEMENTS = 7_500_000;
const IDENTITY_FIELDS = [
  'manufacturer',
  'model',
  'serial',
  'mac',
  'ip',
  'hostname',
  'firmware',
  'location',
  'contact',
  'assetTag',
  'sysObjectId',
  'sysDescr',
  'uptimeSeconds',
];

const own = startOwn ? await startDemo() : null;
const dataDir = own?.dataDir ?? resolve(root, option('data-dir', '.data'));
const web = own?.web ?? option('web', 'http://127.0.0.1:3000');
const gateway = own?.gateway ?? option('gateway', 'https://127.0.0.1:8443');
try {
  await run();
} finally {
  await own?.stop();
}

async function run() {
  const identityDir = join(dataDir, 'demo', 'agent', 'identity');
  if (!existsSync(join(identityDir, 'identity.json'))) {
    console.error(`No enrolled agent in ${identityDir}: run \`npm start\` first, or pass --start`);
    process.exit(1);
  }
  const identity = {
    agentId: JSON.parse(readFileSync(join(identityDir, 'identity.json'), 'utf8')).agentId,
    cert: readFileSync(join(identityDir, 'agent.crt'), 'utf8'),
    key: readFileSync(join(identityDir, 'agent.key'), 'utf8'),
    ca: readFileSync(join(identityDir, 'ca.crt'), 'utf8'),
  };
  for (const kind of kinds) await round(identity, kind);
}

async function round(identity, kind) {
  const zips = await Promise.all(Array.from({ length: count }, () => elementFlood(identity, kind)));
  say(
    `${count} ${kind}-element floods at once: ${(zips[0].length / 1024).toFixed(0)} KB zip each, ${(zips[0].xmlBytes / 1e6).toFixed(0)} MB of XML`,
  );
  const rssBefore = await centralRss();
  const health = monitor(async () => {
    const started = performance.now();
    try {
      const response = await fetch(`${web}/health`, { signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      return response.ok ? performance.now() - started : Infinity;
    } catch {
      return Infinity;
    }
  }, 50);
  const rss = monitor(centralRss, 250);
  const started = performance.now();
  const answers = await Promise.all(
    zips.map(async (zip) => {
      const answer = await upload(identity, zip);
      return { ...answer, ms: performance.now() - started };
    }),
  );
  const healthTimes = await health.stop();
  const rssSamples = (await rss.stop()).filter((value) => value !== null);
  const rssAfter = await centralRss();

  for (const [index, answer] of answers.entries()) {
    say(
      `upload ${index + 1}: ${answer.status} ${answer.code ?? ''} after ${(answer.ms / 1000).toFixed(2)} s — ${answer.message ?? ''}`,
    );
  }
  const sorted = [...healthTimes].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  say(
    `/health: ${sorted.length} answers during the run, median ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`,
  );
  const mb = (bytes) => (bytes === null ? '?' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  say(
    `central RSS: ${mb(rssBefore)} before, max ${mb(rssSamples.length ? Math.max(...rssSamples) : null)} during (${rssSamples.length} samples), ${mb(rssAfter)} after`,
  );
}

/** 400 devices of 1,000 minimal readings: legal structure, a million elements by the 200th device. */
function knownFlood() {
  const readings = '<reading takenAt="t"><counters/><supplies/><status/><alerts/></reading>'.repeat(
    1_000,
  );
  return Array.from(
    { length: 400 },
    (_, index) =>
      `<device address="d${index}"><identity/><readings>${readings}</readings></device>`,
  ).join('');
}

/** A validly signed archive whose payload.xml carries a flood right after `<devices>`. */
async function elementFlood(identity, kind) {
  const payload = {
    version: 1,
    uploadId: randomUUID(),
    agentId: identity.agentId,
    agentVersion: '0.0.0-resilience',
    createdAt: new Date().toISOString(),
    devices: [
      {
        address: '127.0.0.1',
        identity: Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, null])),
        readings: [
          {
            takenAt: new Date().toISOString(),
            counters: { total: 1, extra: {} },
            supplies: [],
            status: { printer: 'idle', device: 'running', errors: [] },
            alerts: [],
            console: null,
          },
        ],
      },
    ],
  };
  const xml = new TextEncoder().encode(
    buildPayloadXml(payload).replace(
      '<devices>',
      `<devices>${kind === 'known' ? knownFlood() : '<x/>'.repeat(ELEMENTS)}`,
    ),
  );
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      version: 1,
      uploadId: payload.uploadId,
      agentId: payload.agentId,
      createdAt: payload.createdAt,
      sha256: createHash('sha256').update(xml).digest('hex'),
      size: xml.length,
    }),
  );
  const jws = await new CompactSign(manifest)
    .setProtectedHeader({ alg: 'RS256', cty: MANIFEST_CONTENT_TYPE })
    .sign(createPrivateKey(identity.key));
  const zip = Buffer.from(
    zipSync({
      'payload.xml': xml,
      'manifest.json': manifest,
      'manifest.jws': new TextEncoder().encode(jws),
    }),
  );
  zip.xmlBytes = xml.length;
  return zip;
}

function upload(identity, zip) {
  return new Promise((resolvePromise) => {
    const url = new URL('/agent/v1/uploads', gateway);
    const req = request(
      url,
      {
        method: 'POST',
        cert: identity.cert,
        key: identity.key,
        ca: identity.ca,
        headers: { 'content-type': 'application/zip', 'content-length': zip.length },
        timeout: 300_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          let body = {};
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // not JSON: keep the status only
          }
          resolvePromise({
            status: res.statusCode,
            code: body.error?.code ?? body.status,
            message: body.error?.message,
          });
        });
      },
    );
    req.on('error', (error) =>
      resolvePromise({ status: 'error', code: error.code, message: error.message }),
    );
    req.end(zip);
  });
}

/** Central's resident set from its own /metrics (loopback callers need no token). */
async function centralRss() {
  try {
    const response = await fetch(`${web}/metrics`, { signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    const line = text.split('\n').find((l) => l.startsWith('process_resident_memory_bytes '));
    return line ? Number(line.split(' ')[1]) : null;
  } catch {
    return null;
  }
}

/** Calls `sample` every `everyMs` until stopped; resolves with the values. */
function monitor(sample, everyMs) {
  const values = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      values.push(await sample());
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return values;
    },
  };
}

/** The demo system (tools/demo/start.mjs) on spare ports in a fresh data dir, with one printer. */
async function startDemo() {
  const dir = mkdtempSync(join(tmpdir(), 'printbeat-resilience-'));
  // The embedded PostgreSQL runs as `postgres` when we are root: it must reach the data dir.
  chmodSync(dir, 0o755);
  const ports = { web: 3310, gateway: 8810, postgres: 5810 };
  const child = spawn(process.execPath, [join(root, 'tools', 'demo', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(ports.web),
      GATEWAY_PORT: String(ports.gateway),
      POSTGRES_PORT: String(ports.postgres),
      DEMO_PRINTERS: '1',
      DEMO_FIRST_ADDRESS: '127.10.81.1',
      DEMO_SNMP_PORT: '16810',
      DEMO_RAW_PORT: '9810',
      DEMO_INTERVAL_SECONDS: '3600',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (chunk) => process.stdout.write(chunk));
  const identity = join(dir, 'demo', 'agent', 'identity', 'identity.json');
  const deadline = Date.now() + 300_000;
  while (!existsSync(identity)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error('the demo system did not start (see its output above)');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  say(`own demo system up in ${dir}`);
  return {
    dataDir: dir,
    web: `http://127.0.0.1:${ports.web}`,
    gateway: `https://127.0.0.1:${ports.gateway}`,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function say(text) {
  process.stdout.write(`[flood] ${text}\n`);
}
