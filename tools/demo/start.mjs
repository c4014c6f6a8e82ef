#!/usr/bin/env node
// `npm start`: the whole system on this machine, in one command, for a first look.
//   embedded PostgreSQL + central (web :3000 with the portal, agent gateway :8443)
//   + a simulated printer fleet on loopback (127.10.0.x, SNMP :16100, raw print :9100, control
//     API :16199 for `npm run sim -- ctl …`, alert traps to the agent on 127.0.0.1:16162)
//   + a local agent that enrolls itself with a demo registration key and starts collecting
//   + a loopback SMTP sink (tools/smtp-sink) that receives central's e-mail, shown at :8025.
// Everything lives in ./.data (central) and ./.data/demo (agent, demo credentials); starting
// again resumes with the same data. Ctrl-C stops everything cleanly.
// `npm run start:central` runs central alone (production mode, no demo).
//
// Overrides (env): DATA_DIR, PORT, GATEWAY_PORT, POSTGRES_PORT, DEMO_PRINTERS,
// DEMO_FIRST_ADDRESS (loopback only), DEMO_SNMP_PORT, DEMO_RAW_PORT, DEMO_CONTROL_PORT (the
// simulator's control API; another free port is taken when it is busy), DEMO_TRAP_PORT (the
// agent's trap listener on 127.0.0.1), DEMO_INTERVAL_SECONDS
// (the agent's meters/status/upload interval), DEMO_PAGES_PER_MINUTE (per printer), LOG_LEVEL,
// AGENT_LOG_LEVEL, DEMO_SMTP_PORT, DEMO_MAILBOX_PORT (the sink; SMTP_HOST set: central mails
// there instead and no sink runs).
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFleetSpec, DEFAULT_CONTROL_PORT, startFleet } from '@printbeat/printer-sim';
import { restoreFleetState, saveFleetState } from './fleet-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const dataDir = resolve(root, env.DATA_DIR ?? '.data');
const demoDir = join(dataDir, 'demo');
const agentDir = join(demoDir, 'agent');
const DEMO_WRITE_COMMUNITY = 'demo-private';
const fleetStateFile = join(demoDir, 'fleet-state.json');
const processesFile = join(demoDir, 'processes.json');
const webPort = Number(env.PORT ?? 3000);
const gatewayPort = Number(env.GATEWAY_PORT ?? 8443);
const printers = Number(env.DEMO_PRINTERS ?? 12);
const firstAddress = env.DEMO_FIRST_ADDRESS ?? '127.10.0.1';
const snmpPort = Number(env.DEMO_SNMP_PORT ?? 16100);
const rawPort = Number(env.DEMO_RAW_PORT ?? 9100);
const controlPort = Number(env.DEMO_CONTROL_PORT ?? DEFAULT_CONTROL_PORT);
const trapPort = Number(env.DEMO_TRAP_PORT ?? 16162);
const intervalSeconds = Number(env.DEMO_INTERVAL_SECONDS ?? 20);
// The simulator prints nothing unless told to: without a rate no counter or toner level moves.
const pagesPerMinute = Number(env.DEMO_PAGES_PER_MINUTE ?? 20);
const smtpPort = Number(env.DEMO_SMTP_PORT ?? 2525);
const mailboxPort = Number(env.DEMO_MAILBOX_PORT ?? 8025);
const mailbox = env.SMTP_HOST ? null : `http://127.0.0.1:${mailboxPort}`;
const web = `http://127.0.0.1:${webPort}`;
const centralNode = join(root, 'apps', 'central', 'dist', 'main.js');
const agentBin = join(root, 'apps', 'agent', 'bin', 'printbeat-agent.js');
const smtpSinkBin = join(root, 'tools', 'smtp-sink', 'bin', 'smtp-sink.js');
const children = new Set();
let processesRecorded = false;
let stopping = false;
let fleet;

const say = (text) => process.stdout.write(`[demo] ${text}\n`);

if (!firstAddress.startsWith('127.')) {
  console.error('[demo] the simulated fleet only ever runs on loopback (127.0.0.0/8)');
  process.exit(2);
}
// The data dir stays traversable by the `postgres` user (embedded PostgreSQL as root), so the
// cluster stays in it when the checkout is reachable (otherwise central relocates it, see
// apps/central/README.md); only the agent's own folder is private.
mkdirSync(dataDir, { recursive: true, mode: 0o755 });
mkdirSync(demoDir, { recursive: true, mode: 0o755 });
mkdirSync(agentDir, { recursive: true, mode: 0o700 });
// `mode` is filtered by the umask: as root, make sure (a umask of 077 would lock postgres out).
if (process.getuid?.() === 0) for (const dir of [dataDir, demoDir]) chmodSync(dir, 0o755);

// From the first moment on: whatever is already running is stopped on Ctrl-C or on a failed step.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

let credentials;
try {
  await main();
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

/** Seed, central, fleet, agent: each step only once the one before it is ready. */
async function main() {
  credentials = seedOnce();
  if (stopping) return;
  const cluster = join(dataDir, 'postgres');
  if (lstatSync(cluster, { throwIfNoEntry: false })?.isSymbolicLink()) {
    say(
      `the embedded PostgreSQL cluster lives in ${realpathSync(cluster)} (linked from ${cluster}):`,
    );
    say(
      '  as root, its user "postgres" cannot enter this checkout (see "Running as root" in README.md)',
    );
    const target = realpathSync(cluster);
    for (const name of readdirSync(dirname(target)))
      if (name.startsWith(`${basename(target)}-unlinked-`))
        say(
          `  an earlier cluster (before .data was deleted) is kept in ${join(dirname(target), name)}`,
        );
  }
  await stopLeftovers();
  if (mailbox) await startMailbox();
  superviseCentral();
  await waitFor(`${web}/ready`, 120_000);
  if (stopping) return;
  say(`central is up: ${web} (agent gateway https://127.0.0.1:${gatewayPort})`);
  await seedNotificationPolicyOnce(credentials.dealerAdmin);

  fleet = await startDemoFleet();
  const restored = restoreFleetState(fleetStateFile, fleet);
  // Saved now and then as well, so even a killed demo resumes close to where the fleet was.
  setInterval(() => saveFleetState(fleetStateFile, fleet), 10_000).unref();
  if (restored > 0) say(`${restored} simulated printers resume from their saved page counts`);
  say(
    `${fleet.printers.length} simulated printers on ${firstAddress}… (SNMP port ${snmpPort}, raw print ${rawPort}), printing as we speak`,
  );
  const ctl =
    fleet.controlPort === DEFAULT_CONTROL_PORT
      ? 'npm run sim -- ctl'
      : `npm run sim -- ctl --control-port ${fleet.controlPort}`;
  say(
    `simulator control API: http://127.0.0.1:${fleet.controlPort} — e.g. \`${ctl} error ${firstAddress} jam\` (the printer sends an SNMP trap to the agent on udp 127.0.0.1:${trapPort}), \`${ctl} clear ${firstAddress} jam\`, \`${ctl} list\``,
  );

  await enrollAgentOnce(credentials.dealerAdmin);
  if (stopping) return;
  writeAgentConfig();
  startChild('agent', process.execPath, [agentBin, 'run', '--data-dir', agentDir], {
    ...env,
    LOG_LEVEL: env.AGENT_LOG_LEVEL ?? 'warn',
  });

  say('');
  say(`Open ${web} and sign in:`);
  say(
    `  dealer admin       ${credentials.dealerAdmin.email} / ${credentials.dealerAdmin.password}`,
  );
  say(`  platform operator  ${credentials.operator.email} / ${credentials.operator.password}`);
  say(`Prometheus metrics: ${web}/metrics (loopback only unless METRICS_TOKEN is set)`);
  if (mailbox) say(`Mailbox (every e-mail central sends, e.g. alerts): ${mailbox}`);
  say(
    'Devices appear within a minute; counters and toner levels move as the fleet prints. Ctrl-C stops everything.',
  );
}

/** The fleet, with its control API on the port `ctl` uses by default unless that one is busy. */
async function startDemoFleet() {
  const options = {
    // As on real printers, the read community cannot SET: a reboot needs the write community.
    printers: buildFleetSpec({
      count: printers,
      firstAddress,
      pagesPerMinute,
      writeCommunity: DEMO_WRITE_COMMUNITY,
    }),
    snmpPort,
    rawPort,
    trapTarget: { host: '127.0.0.1', port: trapPort, version: '2c' },
  };
  try {
    return await startFleet({ ...options, controlPort });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE' || env.DEMO_CONTROL_PORT) throw error;
    say(`port ${controlPort} is busy; the simulator's control API takes another one`);
    return startFleet({ ...options, controlPort: 0 });
  }
}

/**
 * Central, restarted when it dies (its embedded PostgreSQL left behind is stopped by the next
 * central's start); a central that keeps dying within a minute stops the demo.
 */
function superviseCentral(restarts = []) {
  const central = startChild('central', process.execPath, [centralNode], {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    PORT: String(webPort),
    GATEWAY_PORT: String(gatewayPort),
    DATA_DIR: dataDir,
    // Request logs would drown the demo's own messages; set LOG_LEVEL=info to see them.
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    PUBLIC_URL: env.PUBLIC_URL ?? web,
    ...(mailbox
      ? {
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
          SMTP_FROM: env.SMTP_FROM ?? 'Printbeat demo <printbeat@demo.test>',
        }
      : {}),
  });
  central.on('exit', (code, signal) => {
    if (stopping) return;
    const recent = [...restarts.filter((at) => Date.now() - at < 60_000), Date.now()];
    if (recent.length > 3) {
      say(`central exited (${code ?? signal}) ${recent.length} times within a minute; stopping`);
      void shutdown(1);
      return;
    }
    say(`central exited (${code ?? signal}); starting it again`);
    setTimeout(() => stopping || superviseCentral(recent), 1_000 * recent.length);
  });
}

/**
 * Children of a demo whose launcher was killed (kill -9: no shutdown ran) still hold the ports;
 * they are recognised by their command line and stopped before anything starts.
 */
async function stopLeftovers() {
  if (!existsSync(processesFile)) return;
  const { launcher, children: recorded } = JSON.parse(readFileSync(processesFile, 'utf8'));
  if (launcher !== process.pid && alive(launcher)) {
    throw new Error(`another demo is running from ${dataDir} (pid ${launcher}); stop it first`);
  }
  for (const { name, pid, script } of recorded) {
    if (!alive(pid) || !commandLineOf(pid).includes(script)) continue;
    say(`stopping the ${name} (pid ${pid}) left running by an earlier demo`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 20_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function recordProcesses() {
  processesRecorded = true;
  const list = [...children].map((child) => ({
    name: child.name,
    pid: child.pid,
    script: child.spawnargs[1],
  }));
  writeFileSync(processesFile, JSON.stringify({ launcher: process.pid, children: list }));
}

// ── steps ───────────────────────────────────────────────────────────────────────────────

/** The loopback SMTP sink central mails to; its page lists what arrived. */
async function startMailbox() {
  const sink = startChild(
    'smtp-sink',
    process.execPath,
    [
      smtpSinkBin,
      '--host',
      '127.0.0.1',
      '--smtp-port',
      String(smtpPort),
      '--http-port',
      String(mailboxPort),
    ],
    env,
  );
  sink.on('exit', (code, signal) => {
    if (!stopping) say(`the SMTP sink exited (${code ?? signal}); e-mail is not received any more`);
  });
  await waitFor(`${mailbox}/messages`, 20_000);
}

/** A policy that e-mails the dealer admin (and a service address) every alert, once per data dir. */
async function seedNotificationPolicyOnce(account) {
  const marker = join(demoDir, 'notification-policy-seeded');
  if (existsSync(marker)) return;
  const token = (
    await graphql('mutation($e:String!,$p:String!){signIn(email:$e,password:$p){accessToken}}', {
      e: account.email,
      p: account.password,
    })
  ).signIn.accessToken;
  const existing = await graphql('{notificationPolicies(first:1){edges{node{id}}}}', {}, token);
  if (existing.notificationPolicies.edges.length === 0) {
    await graphql(
      'mutation($i:CreateNotificationPolicyInput!){createNotificationPolicy(input:$i){id}}',
      {
        i: {
          name: 'Demo: every alert by e-mail',
          eventTypes: ['ALERT_OPENED', 'ALERT_CLOSED', 'SUPPLY_ORDER_CREATED'],
          recipientRoles: ['DEALER_ADMIN'],
          recipientEmails: ['service@demo.test'],
        },
      },
      token,
    );
    say('seeded a notification policy: alerts are e-mailed to the dealer admin');
  }
  writeFileSync(marker, new Date().toISOString());
}

/** Seeds the operator and the demo tenant once, and keeps their passwords for later starts. */
function seedOnce() {
  const file = join(demoDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  say('first start: seeding the platform operator and the demo dealer…');
  const result = spawnSync(
    process.execPath,
    [join(root, 'apps', 'central', 'bin', 'seed.js'), '--reset-passwords', '--json'],
    {
      cwd: root,
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error('seeding failed');
  }
  const seeded = JSON.parse(result.stdout.trim().split('\n').at(-1));
  const saved = {
    operator: seeded.operator,
    dealerAdmin: seeded.dealerAdmin,
    customerId: seeded.customer.id,
    siteId: seeded.site.id,
  };
  writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return saved;
}

async function enrollAgentOnce(account) {
  if (existsSync(join(agentDir, 'identity', 'identity.json'))) return;
  say('enrolling the local agent with a demo registration key…');
  const token = (
    await graphql('mutation($e:String!,$p:String!){signIn(email:$e,password:$p){accessToken}}', {
      e: account.email,
      p: account.password,
    })
  ).signIn.accessToken;
  const created = await graphql(
    'mutation($i:CreateRegistrationKeyInput!){createRegistrationKey(input:$i){secret}}',
    {
      i: {
        customerId: credentials.customerId,
        siteId: credentials.siteId,
        name: 'demo agent',
        maxUses: 1,
      },
    },
    token,
  );
  const caFile = join(demoDir, 'central-ca.pem');
  writeFileSync(
    caFile,
    ['issuing.crt', 'root.crt']
      .map((f) => readFileSync(join(dataDir, 'pki', 'ca', f), 'utf8'))
      .join('\n'),
  );
  const enrolled = spawnSync(
    process.execPath,
    [
      agentBin,
      'enroll',
      '--central',
      `https://127.0.0.1:${gatewayPort}`,
      '--key',
      created.createRegistrationKey.secret,
      '--ca-file',
      caFile,
      '--data-dir',
      agentDir,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (enrolled.status !== 0) throw new Error(`agent enrollment failed: ${enrolled.stderr}`);
  say(enrolled.stdout.trim());
}

/** Short schedules so a new user sees data move within a minute. */
function writeAgentConfig() {
  const last = firstAddress.split('.').map(Number);
  const devices = Array.from({ length: printers }, (_, i) => {
    const n = ((last[0] << 24) | (last[1] << 16) | (last[2] << 8) | last[3]) + i;
    return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}:${snmpPort}`;
  });
  const config = {
    central: `https://127.0.0.1:${gatewayPort}`,
    schedules: {
      discovery: { everySeconds: 3600 },
      meters: { everySeconds: intervalSeconds },
      status: { everySeconds: intervalSeconds },
      upload: { everySeconds: intervalSeconds },
      commandPoll: { everySeconds: 5 },
      config: { everySeconds: 60 },
    },
    discovery: {
      targets: [`${firstAddress}-${devices.at(-1).split(':')[0]}`],
      snmpPort,
      timeoutMs: 1500,
    },
    devices,
    snmp: { version: '2c', community: 'public' },
    snmpWrite: { version: '2c', community: DEMO_WRITE_COMMUNITY },
    rawPrintPort: rawPort,
    traps: { port: trapPort, address: '127.0.0.1' },
  };
  writeFileSync(join(agentDir, 'agent.config.json'), JSON.stringify(config, null, 2), {
    mode: 0o600,
  });
}

// ── plumbing ────────────────────────────────────────────────────────────────────────────

function startChild(name, command, args, childEnv) {
  // Each child in its own process group: Ctrl-C in the terminal reaches this script only, which
  // then stops the children in order (otherwise PostgreSQL, central's child, would get the
  // SIGINT too and go away under central while it is still finishing requests).
  const child = spawn(command, args, {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  child.name = name;
  children.add(child);
  recordProcesses();
  child.on('exit', () => {
    children.delete(child);
    if (!stopping) recordProcesses();
  });
  return child;
}

async function graphql(query, variables, token) {
  const response = await fetch(`${web}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length)
    throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!stopping) throw new Error(`${url} did not become ready within ${timeoutMs / 1000} s`);
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    // A child that does not stop (stuck shutdown) must not keep the demo hanging.
    const timer = setTimeout(() => {
      say(`${child.name} did not stop within 20 s; killing it`);
      child.kill('SIGKILL');
    }, 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  if (fleet) saveFleetState(fleetStateFile, fleet);
  // In order, newest first: the agent finishes talking to central, then central closes and
  // stops its PostgreSQL.
  for (const child of [...children].reverse()) await stopChild(child);
  await fleet?.stop();
  if (processesRecorded) rmSync(processesFile, { force: true });
  say('stopped');
  process.exit(code);
}
