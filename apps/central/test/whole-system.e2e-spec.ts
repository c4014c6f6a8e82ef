// The whole system, started the way a user starts it (issue #7 "Done when"): `node
// tools/demo/start.mjs` (what `npm start` runs after the build) as a child process in its own
// process group, on free loopback ports and a fresh data dir. Through GraphQL, as the printed
// dealer admin: the simulated printers appear with counters and supplies, and the counters
// advance; the printed control port takes `printer-sim ctl`, and a jam's SNMP trap reaches the
// demo agent. Ctrl-C (SIGINT to its process group, as a terminal sends it) stops every process;
// a second start on the same data dir resumes with the same credentials and devices, no
// duplicates.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
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
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const START = join(ROOT, 'tools/demo/start.mjs');
const SIM = join(ROOT, 'tools/printer-sim/bin/printer-sim.js');
const PRINTERS = 5;
const FIRST_ADDRESS = '127.10.77.1';

type Credentials = { email: string; password: string };
type ProcessInfo = { pid: number; command: string; startTime: string };
type DeviceNode = {
  id: string;
  serialNumber: string | null;
  manufacturer: string | null;
  latestMeterRead: { readAt: string; counters: Record<string, number> } | null;
  supplies: { type: string | null; percent: number | null }[];
};

const DEVICES = `{ devices(first: 100) { edges { node {
  id serialNumber manufacturer latestMeterRead { readAt counters } supplies { type percent }
} } } }`;

function freeTcpPort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function freeUdpPort(): Promise<number> {
  return new Promise((done, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => done(port));
    });
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs: number,
  everyMs = 1_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
  );
}

/** Linux /proc: the process and its descendants right now (central, postgres and its backends, agent). */
function processTree(rootPid: number): ProcessInfo[] {
  const parents = new Map<number, number[]>();
  const infos = new Map<number, ProcessInfo>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (!info) continue;
    infos.set(info.process.pid, info.process);
    parents.set(info.ppid, [...(parents.get(info.ppid) ?? []), info.process.pid]);
  }
  const tree: ProcessInfo[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const info = infos.get(pid);
    if (info) tree.push(info);
    queue.push(...(parents.get(pid) ?? []));
  }
  return tree;
}

function readProcess(pid: number): { process: ProcessInfo; ppid: number; state: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields after it start at the last ')'.
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      process: { pid, command, startTime: fields[19] ?? '' },
      ppid: Number(fields[1]),
      state: fields[0] ?? '',
    };
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Still running: same pid and start time (not a recycled pid), and not a zombie. */
function stillRunning(info: ProcessInfo): boolean {
  const now = readProcess(info.pid);
  return now !== null && now.process.startTime === info.startTime && now.state !== 'Z';
}

class Demo {
  readonly child: ChildProcess;
  output = '';

  constructor(env: NodeJS.ProcessEnv) {
    // Its own process group, like a terminal's foreground job: Ctrl-C reaches every process in it.
    this.child = spawn(process.execPath, [START], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The credentials printed in the console once everything is up. */
  async credentials(): Promise<{ dealerAdmin: Credentials; operator: Credentials }> {
    const printed = await waitFor(
      'the demo to print its credentials',
      () => {
        if (!this.running)
          throw new Error(`the demo exited (${this.child.exitCode}):\n${this.output}`);
        const dealer = /dealer admin\s+(\S+) \/ (\S+)/.exec(this.output);
        const operator = /platform operator\s+(\S+) \/ (\S+)/.exec(this.output);
        return dealer && operator ? { dealer, operator } : null;
      },
      180_000,
      500,
    );
    return {
      dealerAdmin: { email: printed.dealer[1]!, password: printed.dealer[2]! },
      operator: { email: printed.operator[1]!, password: printed.operator[2]! },
    };
  }

  exited(): Promise<number | null> {
    return new Promise((done) =>
      this.running ? this.child.once('exit', (code) => done(code)) : done(this.child.exitCode),
    );
  }

  /** Last resort for a failed test: nothing it started may outlive the run. */
  kill(): void {
    if (this.child.pid === undefined || !this.running) return;
    for (const info of processTree(this.child.pid)) killQuietly(info.pid);
  }
}

describe('the whole system, started like `npm start`', () => {
  const dataDir = join(ROOT, '.data', `e2e-demo-${process.pid}-${randomBytes(3).toString('hex')}`);
  let env: NodeJS.ProcessEnv;
  let web: string;
  const demos: Demo[] = [];
  const trees: ProcessInfo[][] = [];

  beforeAll(async () => {
    if (
      !existsSync(join(ROOT, 'apps/central/dist/main.js')) ||
      !existsSync(join(ROOT, 'apps/agent/dist'))
    ) {
      throw new Error('build first (`npm run build`; `npm test` does it)');
    }
    // As root, embedded PostgreSQL runs as `postgres`: traversable when the checkout is (else relocated).
    mkdirSync(join(ROOT, '.data'), { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const port = await freeTcpPort();
    web = `http://127.0.0.1:${port}`;
    env = { ...process.env };
    // What jest sets must not change how the demo runs (NODE_ENV=test would silence central, etc.).
    for (const key of [
      'NODE_ENV',
      'NODE_OPTIONS',
      'DATABASE_URL',
      'DATABASE_APP_URL',
      'PRINTBEAT_CONFIG',
      'JWT_SECRET',
      'METRICS_TOKEN',
    ])
      delete env[key];
    Object.assign(env, {
      DATA_DIR: dataDir,
      PORT: String(port),
      GATEWAY_PORT: String(await freeTcpPort()),
      POSTGRES_PORT: String(await freeTcpPort()),
      DEMO_PRINTERS: String(PRINTERS),
      DEMO_FIRST_ADDRESS: FIRST_ADDRESS,
      DEMO_SNMP_PORT: String(await freeUdpPort()),
      DEMO_RAW_PORT: String(await freeTcpPort()),
      DEMO_CONTROL_PORT: String(await freeTcpPort()),
      DEMO_TRAP_PORT: String(await freeUdpPort()),
      DEMO_INTERVAL_SECONDS: '8',
    });
  });

  afterAll(async () => {
    // What the demo printed, for whoever has to find out why a run failed.
    const logs = join(ROOT, '.data', 'test-results');
    mkdirSync(logs, { recursive: true });
    demos.forEach((demo, i) =>
      writeFileSync(join(logs, `whole-system-demo-${i + 1}.log`), demo.output),
    );
    for (const demo of demos) demo.kill();
    // Anything still alive from either run (a failed test) is killed by pid, then the data dir goes.
    for (const info of trees.flat()) if (stillRunning(info)) killQuietly(info.pid);
    await new Promise((r) => setTimeout(r, 500));
    // A cluster relocated out of reach of the checkout (as root) is a link: its target goes too.
    const cluster = join(dataDir, 'postgres');
    if (existsSync(cluster) && lstatSync(cluster).isSymbolicLink())
      rmSync(realpathSync(cluster), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const response = await fetch(`${web}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data!;
  }

  async function signIn(account: Credentials): Promise<string> {
    const data = await graphql<{ signIn: { accessToken: string } }>(
      'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }',
      { e: account.email, p: account.password },
    );
    return data.signIn.accessToken;
  }

  async function devices(token: string): Promise<DeviceNode[]> {
    const data = await graphql<{ devices: { edges: { node: DeviceNode }[] } }>(DEVICES, {}, token);
    return data.devices.edges.map((edge) => edge.node);
  }

  const total = (device: DeviceNode) => device.latestMeterRead?.counters['total'] ?? 0;
  const complete = (list: DeviceNode[]) =>
    list.length === PRINTERS &&
    list.every((d) => total(d) > 0 && d.supplies.some((s) => s.percent !== null));

  let firstCredentials: { dealerAdmin: Credentials; operator: Credentials };
  let firstDevices: DeviceNode[];

  it('comes up, shows every simulated printer with counters and supplies, and counters advance', async () => {
    const demo = new Demo(env);
    demos.push(demo);
    firstCredentials = await demo.credentials();
    const token = await signIn(firstCredentials.dealerAdmin);

    firstDevices = await waitFor(
      'all simulated printers with counters and supplies',
      async () => {
        const list = await devices(token);
        return complete(list) ? list : null;
      },
      120_000,
      2_000,
    );
    expect(new Set(firstDevices.map((d) => d.serialNumber)).size).toBe(PRINTERS);
    // A mix of vendors from the fixture walks, not one printer copied five times.
    expect(new Set(firstDevices.map((d) => d.manufacturer)).size).toBeGreaterThan(1);
    for (const device of firstDevices) {
      expect(device.supplies.length).toBeGreaterThan(0);
      for (const supply of device.supplies)
        if (supply.percent !== null) expect(supply.percent).toBeGreaterThanOrEqual(0);
    }

    // The fleet keeps printing and the agent keeps reading and uploading: totals go up.
    const before = new Map(firstDevices.map((d) => [d.id, total(d)]));
    const advanced = await waitFor(
      'counters to advance',
      async () => {
        const list = await devices(token);
        const moved = list.filter((d) => total(d) > (before.get(d.id) ?? Infinity));
        return moved.length > 0 ? moved : null;
      },
      90_000,
      2_000,
    );
    for (const device of advanced) expect(total(device)).toBeGreaterThan(before.get(device.id)!);

    // Operations: the running demo's /metrics (loopback) counts the agent's uploads and the devices.
    const metrics = await (await fetch(`${web}/metrics`)).text();
    const accepted = /^printbeat_uploads_total\{outcome="accepted"\} (\d+)$/m.exec(metrics);
    expect(Number(accepted?.[1] ?? 0)).toBeGreaterThan(0);
    expect(
      Number(/^printbeat_ingest_device_readings_total (\d+)$/m.exec(metrics)?.[1] ?? 0),
    ).toBeGreaterThanOrEqual(PRINTERS);
    expect(/^printbeat_devices (\d+)$/m.exec(metrics)?.[1]).toBe(String(PRINTERS));

    // The demo prints its fleet's control port; `printer-sim ctl` reaches the demo printers there,
    // and the injected jam's SNMP trap reaches the demo agent's listener.
    expect(demo.output).toContain(
      `simulator control API: http://127.0.0.1:${env['DEMO_CONTROL_PORT']} — e.g. \`npm run sim -- ctl --control-port ${env['DEMO_CONTROL_PORT']} error ${FIRST_ADDRESS} jam\``,
    );
    const ctl = (...args: string[]) =>
      promisify(execFile)(process.execPath, [
        SIM,
        'ctl',
        '--control-port',
        env['DEMO_CONTROL_PORT']!,
        ...args,
      ]);
    const jammed = JSON.parse((await ctl('error', FIRST_ADDRESS, 'jam')).stdout) as {
      counters: { errors: string[] };
    };
    expect(jammed.counters.errors).toEqual(['jam']);
    const agentState = join(dataDir, 'demo', 'agent', 'state.json');
    await waitFor(
      "the demo agent to take the jammed printer's trap",
      () => {
        const traps = (
          JSON.parse(readFileSync(agentState, 'utf8')) as {
            traps: { accepted: number; lastAcceptedFrom: string } | null;
          }
        ).traps;
        return traps !== null && traps.accepted >= 1 && traps.lastAcceptedFrom === FIRST_ADDRESS;
      },
      30_000,
      500,
    );
    await ctl('clear', FIRST_ADDRESS, 'jam');
  }, 300_000);

  it('stops every process cleanly on Ctrl-C', async () => {
    const demo = demos[0]!;
    const tree = processTree(demo.child.pid!);
    trees.push(tree);
    const names = tree.map((p) => p.command);
    // start.mjs, central, PostgreSQL (postmaster and its backends), the agent.
    expect(
      names.filter((name) => name === 'node' || name.startsWith('node')).length,
    ).toBeGreaterThanOrEqual(3);
    expect(names.some((name) => name.startsWith('postgres'))).toBe(true);

    process.kill(-demo.child.pid!, 'SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      demo.exited(),
      new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 60_000))),
    ]);
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(demo.output).toContain('[demo] stopped');
    // Stopped in order, none of them had to be killed.
    expect(demo.output).not.toContain('did not stop');
    await waitFor(
      'every process of the demo to be gone',
      () => tree.every((p) => !stillRunning(p)),
      15_000,
      250,
    );
    expect(tree.filter(stillRunning)).toEqual([]);
    await expect(fetch(`${web}/health`)).rejects.toThrow();
  }, 120_000);

  it('resumes on the same data dir: same credentials, same devices, no duplicates; SIGTERM stops it', async () => {
    const demo = new Demo(env);
    demos.push(demo);
    const credentials = await demo.credentials();
    expect(credentials).toEqual(firstCredentials);
    expect(demo.output).not.toContain('first start: seeding');
    expect(demo.output).not.toContain('enrolling the local agent');
    // The fleet resumes from its saved page counts: no printer winds back (no counter rollbacks).
    expect(demo.output).toContain(
      `${PRINTERS} simulated printers resume from their saved page counts`,
    );
    const token = await signIn(credentials.dealerAdmin);

    const resumed = await devices(token);
    expect(resumed.map((d) => d.id).sort()).toEqual(firstDevices.map((d) => d.id).sort());
    // New readings from the resumed agent land on the same devices, still no duplicates.
    const before = new Map(resumed.map((d) => [d.id, d.latestMeterRead?.readAt ?? '']));
    const fresh = await waitFor(
      'a fresh reading after the restart',
      async () => {
        const list = await devices(token);
        return list.some((d) => (d.latestMeterRead?.readAt ?? '') > (before.get(d.id) ?? ''))
          ? list
          : null;
      },
      90_000,
      2_000,
    );
    expect(fresh.map((d) => d.id).sort()).toEqual(firstDevices.map((d) => d.id).sort());
    for (const device of fresh) {
      const first = firstDevices.find((d) => d.id === device.id)!;
      expect(total(device)).toBeGreaterThanOrEqual(total(first));
    }

    // Counters only ever went up across the restart: central saw no rollback on any device.
    const discontinuities = await graphql<{
      meterDiscontinuities: {
        edges: { node: { counter: string; beforeValue: number; afterValue: number } }[];
      };
    }>(
      '{ meterDiscontinuities(first: 100) { edges { node { counter beforeValue afterValue } } } }',
      {},
      token,
    );
    expect(discontinuities.meterDiscontinuities.edges.map((edge) => edge.node)).toEqual([]);

    // `kill <pid>` of start.mjs alone (no group signal): it stops its children itself.
    const tree = processTree(demo.child.pid!);
    trees.push(tree);
    demo.child.kill('SIGTERM');
    expect(await demo.exited()).toBe(0);
    expect(demo.output).not.toContain('did not stop');
    await waitFor(
      'every process of the resumed demo to be gone',
      () => tree.every((p) => !stillRunning(p)),
      30_000,
      250,
    );
    expect(tree.filter(stillRunning)).toEqual([]);
  }, 300_000);
  it('survives kill -9: central is restarted by the demo, and a killed demo is cleaned up by the next start', async () => {
    const demo = new Demo(env);
    demos.push(demo);
    const credentials = await demo.credentials();
    const token = await signIn(credentials.dealerAdmin);
    const centralOf = (launcher: number) =>
      processTree(launcher).find((p) => commandLine(p.pid).includes('apps/central/dist/main.js'));

    const central = centralOf(demo.child.pid!)!;
    process.kill(central.pid, 'SIGKILL');
    await waitFor(
      'the demo to restart central',
      () => demo.output.includes('central exited (SIGKILL); starting it again'),
      30_000,
      250,
    );
    await waitFor(
      'central to answer again',
      async () => {
        const restarted = centralOf(demo.child.pid!);
        if (!restarted || restarted.pid === central.pid) return null;
        return (await fetch(`${web}/ready`).catch(() => null))?.ok ?? null;
      },
      120_000,
      500,
    );
    expect((await devices(token)).map((d) => d.id).sort()).toEqual(
      firstDevices.map((d) => d.id).sort(),
    );

    // The launcher itself killed: its central, agent and PostgreSQL keep running, holding the ports.
    const leftovers = processTree(demo.child.pid!);
    trees.push(leftovers);
    process.kill(demo.child.pid!, 'SIGKILL');
    await demo.exited();
    expect(leftovers.filter(stillRunning).length).toBeGreaterThan(1);

    const next = new Demo(env);
    demos.push(next);
    expect(await next.credentials()).toEqual(firstCredentials);
    expect(next.output).toContain('left running by an earlier demo');
    const again = await devices(await signIn(credentials.dealerAdmin));
    expect(again.map((d) => d.id).sort()).toEqual(firstDevices.map((d) => d.id).sort());
    const tree = processTree(next.child.pid!);
    trees.push(tree);
    next.child.kill('SIGTERM');
    expect(await next.exited()).toBe(0);
    await waitFor(
      'every process of both demos to be gone',
      () => [...tree, ...leftovers].every((p) => !stillRunning(p)),
      30_000,
      250,
    );
  }, 480_000);
});
