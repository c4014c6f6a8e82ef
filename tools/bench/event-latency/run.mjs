#!/usr/bin/env node
// Event latency: a printer's change in the simulator → the alert visible in GraphQL, with the
// agent's default settings (built-in schedules, event polls every 60 s, a 15 s window). Starts
// its own central (embedded PostgreSQL in a temporary DATA_DIR), a simulated fleet on loopback
// and an enrolled agent process, then measures, for every printer (each changing at its own
// moment, spread over one poll period):
//   new agent → its printers in GraphQL; jam → JAM open and its e-mail in the inbox of a real
//   SMTP process (tools/smtp-sink) through a notification policy; jam cleared → JAM closed;
//   toner empty → TONER_EMPTY open; printer silent → UNREACHABLE open; answering → closed.
// Prints figures; never fails (exit code 0 whatever happens). Loopback only.
//
//   node tools/bench/event-latency/run.mjs [--printers 6] [--timeout-seconds 180]
import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const argValue = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
// Walks whose printers central tells apart (printers of one walk share a serial number).
const FIXTURES = [
  'printmaster/kyocera_p2040_snmp.json',
  'librenms/ricoh_mpc3002.snmprec',
  'librenms/sharp.snmprec',
  'printmaster/kyocera_cs4053_snmp.json',
  'librenms/konica_c250i.snmprec',
  'librenms/jetdirect_m130nw.snmprec',
];
const printerCount = Math.min(FIXTURES.length, Number(argValue('printers', '6')));
const timeoutMs = Number(argValue('timeout-seconds', '180')) * 1000;
const say = (text) => process.stdout.write(`${text}\n`);
const children = [];
let fleet = null;
let work = null;
let stopping = null;
const cleanUp = async () => {
  for (const child of children.reverse()) await stop(child);
  await fleet?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping ??= cleanUp().finally(() => process.exit(0));
  });

try {
  await main();
} catch (error) {
  say(`event-latency benchmark stopped early: ${error instanceof Error ? error.message : error}`);
} finally {
  await (stopping ?? cleanUp());
  process.exit(0);
}

async function main() {
  process.stderr.write('building central, agent and printer-sim (tsc -b) …\n');
  spawnSync(
    'npx',
    ['tsc', '-b', 'apps/central', 'apps/agent', 'tools/printer-sim', 'tools/smtp-sink'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  work = mkdtempSync(join(tmpdir(), 'pb-bench-events-'));
  // The embedded PostgreSQL runs as user postgres when we are root: it must reach DATA_DIR.
  chmodSync(work, 0o755);
  const dataDir = join(work, 'central');
  const agentDir = join(work, 'agent');
  mkdirSync(dataDir, { mode: 0o755 });
  mkdirSync(agentDir, { mode: 0o700 });
  const sink = await startSink();
  const webPort = await freePort();
  const gatewayPort = await freePort();
  const centralEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(webPort),
    GATEWAY_PORT: String(gatewayPort),
    POSTGRES_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.smtpPort),
    SMTP_FROM: 'Printbeat <alerts@bench.test>',
  };
  const seeded = spawnSync(
    process.execPath,
    [join(root, 'apps/central/bin/seed.js'), '--reset-passwords', '--json'],
    { cwd: root, env: centralEnv, encoding: 'utf8' },
  );
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  const seed = JSON.parse(seeded.stdout.trim().split('\n').at(-1));
  children.push(spawnChild('central', [join(root, 'apps/central/dist/main.js')], centralEnv));
  const web = `http://127.0.0.1:${webPort}`;
  await until('central to be ready', async () => (await fetch(`${web}/ready`)).ok, 120_000);

  const { startFleet } = await import(
    pathToFileURL(join(root, 'tools/printer-sim/dist/index.js')).href
  );
  const octet = randomInt(100, 250);
  const addresses = Array.from({ length: printerCount }, (_, i) => `127.${octet}.77.${10 + i}`);
  fleet = await startFleet({
    printers: addresses.map((address, i) => ({ address, fixture: FIXTURES[i] })),
    snmpPort: randomInt(20_000, 40_000),
    rawPort: false,
    controlPort: false,
  });

  const gql = graphqlAt(web);
  const token = (
    await gql('mutation($e:String!,$p:String!){signIn(email:$e,password:$p){accessToken}}', {
      e: seed.dealerAdmin.email,
      p: seed.dealerAdmin.password,
    })
  ).signIn.accessToken;
  await gql(
    'mutation($i:CreateNotificationPolicyInput!){createNotificationPolicy(input:$i){id}}',
    { i: { name: 'bench', eventTypes: ['ALERT_OPENED'], recipientEmails: ['desk@bench.test'] } },
    token,
  );
  const key = await gql(
    'mutation($i:CreateRegistrationKeyInput!){createRegistrationKey(input:$i){secret}}',
    { i: { customerId: seed.customer.id, siteId: seed.site.id, maxUses: 1 } },
    token,
  );
  const caFile = join(work, 'central-ca.pem');
  writeFileSync(
    caFile,
    ['issuing.crt', 'root.crt']
      .map((f) => readFileSync(join(dataDir, 'pki/ca', f), 'utf8'))
      .join(''),
  );
  const agentBin = join(root, 'apps/agent/bin/printbeat-agent.js');
  const enrolled = spawnSync(
    process.execPath,
    [
      agentBin,
      'enroll',
      '--central',
      `https://127.0.0.1:${gatewayPort}`,
      '--key',
      key.createRegistrationKey.secret,
      '--ca-file',
      caFile,
      '--data-dir',
      agentDir,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (enrolled.status !== 0) throw new Error(`enrollment failed: ${enrolled.stderr}`);
  // Only where to look: every schedule and event setting is the agent's built-in default.
  writeFileSync(
    join(agentDir, 'agent.config.json'),
    JSON.stringify({ discovery: { targets: addresses, snmpPort: fleet.snmpPort } }),
  );

  const devices = async () =>
    (
      await gql(
        '{ devices(first: 100) { edges { node { ipAddress latestMeterRead { readAt } openAlerts { code } } } } }',
        {},
        token,
      )
    ).devices.edges.map((e) => e.node);
  const open = async (code) => {
    const byAddress = new Map();
    for (const d of await devices())
      byAddress.set(
        d.ipAddress,
        d.openAlerts.some((a) => a.code === code),
      );
    return byAddress;
  };

  say('');
  say(`Event latency, ${printerCount} printers, agent defaults`);
  say('(event poll 60 s, window 15 s, unanswered backoff 1 min → 30 min), seconds from');
  say("each printer's change (changes spread over one poll period):");
  say('');
  say('| change                                  | min  | median | max  | seen  |');
  say('| --------------------------------------- | ---: | -----: | ---: | ----: |');
  const row = (label, times) => {
    const done = times.filter((t) => t !== null).sort((a, b) => a - b);
    const fmt = (ms) => (ms === undefined ? '  –' : (ms / 1000).toFixed(1));
    const median = done[Math.floor((done.length - 1) / 2)];
    say(
      `| ${label.padEnd(39)} | ${fmt(done[0]).padStart(4)} | ${fmt(median).padStart(6)} | ${fmt(done.at(-1)).padStart(4)} | ${`${done.length}/${times.length}`.padStart(5)} |`,
    );
  };

  const agentStart = Date.now();
  children.push(
    spawnChild('agent', [agentBin, 'run', '--data-dir', agentDir], {
      ...process.env,
      LOG_LEVEL: 'warn',
    }),
  );
  const shown = await measure(addresses, agentStart, async () => {
    const seen = new Set(
      (await devices()).filter((d) => d.latestMeterRead).map((d) => d.ipAddress),
    );
    return (address) => seen.has(address);
  });
  row('new agent → printers in GraphQL', shown);
  // Only a printer central shows as a device of its own can show an alert of its own.
  const watched = addresses.filter((_, i) => shown[i] !== null);

  const phases = [
    ['jam → JAM open', (p) => p.injectError('jam'), 'JAM', true],
    ['jam cleared → JAM closed', (p) => p.clearError('jam'), 'JAM', false],
    ['toner empty → TONER_EMPTY open', (p) => p.injectError('tonerEmpty'), 'TONER_EMPTY', true],
    [
      'toner refilled → TONER_EMPTY closed',
      (p) => p.clearError('tonerEmpty'),
      'TONER_EMPTY',
      false,
    ],
    ['silent → UNREACHABLE open', (p) => p.setSilent(true), 'UNREACHABLE', true],
    ['answering → UNREACHABLE closed', (p) => p.setSilent(false), 'UNREACHABLE', false],
  ];
  // Each printer changes at its own moment, spread over one poll period, so the figures cover
  // every phase of the agent's poll cycle (a change just after a poll waits longest).
  const spreadMs = 60_000 / watched.length;
  for (const [label, change, code, wanted] of phases) {
    const changedAt = new Map();
    watched.forEach((address, i) =>
      setTimeout(() => {
        change(fleet.printer(address));
        changedAt.set(address, Date.now());
      }, i * spreadMs),
    );
    const inGraphql = measure(watched, changedAt, async () => {
      const state = await open(code);
      return (address) => changedAt.has(address) && state.get(address) === wanted;
    });
    const mailed =
      code === 'JAM' && wanted
        ? measure(watched, changedAt, async () => {
            const subjects = (await sink.messages()).map((m) => m.subject ?? '');
            return (address) =>
              changedAt.has(address) &&
              subjects.some((subject) => /jam/i.test(subject) && subject.includes(address));
          })
        : null;
    row(label, await inGraphql);
    if (mailed) row('jam → its e-mail in the inbox', await mailed);
  }
}

/** tools/smtp-sink as a process on loopback: the inbox of the notification policy. */
async function startSink() {
  const child = spawn(
    process.execPath,
    [join(root, 'tools/smtp-sink/bin/smtp-sink.js'), '--host', '127.0.0.1'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  child.name = 'smtp-sink';
  children.push(child);
  const ready = await new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffered.slice(0, newline)));
    });
    child.once('exit', (code) => reject(new Error(`smtp-sink exited with ${code}`)));
  });
  return {
    smtpPort: ready.smtpPort,
    messages: async () => (await fetch(`${ready.httpUrl}/messages`)).json(),
  };
}

/**
 * Per address, the time from `since` (a time, or a map of times per address) until `snapshot`
 * says it holds (null when it never did within the timeout).
 */
async function measure(addresses, since, snapshot) {
  const times = new Map();
  const startOf = (address) => (typeof since === 'number' ? since : since.get(address));
  const deadline = Date.now() + timeoutMs + 60_000;
  let lastError = null;
  while (times.size < addresses.length && Date.now() < deadline) {
    try {
      const holds = await snapshot();
      for (const address of addresses)
        if (!times.has(address) && holds(address))
          times.set(address, Date.now() - startOf(address));
    } catch (error) {
      // central busy for a moment: ask again
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (times.size < addresses.length && lastError)
    process.stderr.write(`last error while waiting: ${lastError.message}\n`);
  return addresses.map((address) => times.get(address) ?? null);
}

function graphqlAt(web) {
  return async (query, variables, token) => {
    const response = await fetch(`${web}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  };
}

function spawnChild(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.name = name;
  return child;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function until(what, probe, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
