import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { formatSnmprec, parseWalk } from '@printbeat/printer-mib';
import { fixturesDir } from '@printbeat/printer-sim';

/**
 * Debian's snmpsim (an SNMP agent independent of ours, Python and pysnmp) serving fixture
 * walks, one loopback endpoint per walk, all in one process. Tests use it as a second SNMP
 * implementation next to tools/printer-sim.
 */
export type SnmpsimWalk = { address: string; fixture: string };

export type Snmpsim = {
  port: number;
  community: string;
  stop(): Promise<void>;
};

export const SNMPSIMD = '/usr/bin/snmpsimd';
const COMMUNITY = 'public';
/** pysnmp's snmpUDPDomain; endpoint N of a process is this OID plus N. */
const UDP_DOMAIN = '1.3.6.1.6.1.1';
// Debian 12's 0.4.5 divides with `/` in its --v2c-arch GETBULK handler: a float repetition
// count that never reaches zero, so any GETBULK with max-repetitions above 64 / varbinds spins
// forever and silences every endpoint. Upstream divides with `//`.
const GETBULK_BUG = 'M = min(M, maxVarBinds/R)';
const GETBULK_FIX = 'M = min(M, maxVarBinds//R)';
// It also keeps at most 31 data files open and reopens the others' indexes on each request: a
// discovery sweep over more endpoints than that makes it too slow to answer within timeouts.
const OPEN_FILES_LINE = /maxQueueEntries = \d+/;
const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';

// net-snmp ships no types; only this much of it is used here.
type ProbeSession = {
  get(oids: string[], callback: (error: Error | null) => void): void;
  close(): void;
};
const snmp = createRequire(import.meta.url)('net-snmp') as {
  Version2c: number;
  createSession(
    address: string,
    community: string,
    options: { port: number; version: number; timeout: number; retries: number },
  ): ProbeSession;
};

export function snmpsimInstalled(): boolean {
  return existsSync(SNMPSIMD);
}

/**
 * Converts each walk to snmprec (through printer-mib's parser, so snmpsim serves exactly the
 * VarBinds our own simulator serves), names it after its endpoint
 * (`public/<udpDomain>.<n>.snmprec`: snmpsim picks a data file by community, then transport
 * domain), and starts a patched copy of snmpsimd on every address. Resolves once every
 * endpoint has answered a GET.
 */
export async function startSnmpsim(
  walks: readonly SnmpsimWalk[],
  options: { port: number; readyTimeoutMs?: number },
): Promise<Snmpsim> {
  if (!snmpsimInstalled()) {
    throw new Error(
      `${SNMPSIMD} is missing: install Debian's snmpsim (tools/scripts/ensure-system-deps.mjs does, as root)`,
    );
  }
  const source = readFileSync(SNMPSIMD, 'utf8');
  if (!source.includes(GETBULK_BUG) && !source.includes(GETBULK_FIX)) {
    throw new Error(`${SNMPSIMD} has no GETBULK line to check (${GETBULK_BUG}): another version?`);
  }
  if (!OPEN_FILES_LINE.test(source)) {
    throw new Error(`${SNMPSIMD} has no open data file limit (maxQueueEntries): another version?`);
  }
  const interpreter = /^#!\s*(\S+)/.exec(source)?.[1] ?? '/usr/bin/python3';

  // mkdtemp makes 0700 directories; the daemon drops to nobody and must read and write here.
  const root = mkdtempSync(join(tmpdir(), 'printbeat-snmpsim-'));
  const dataDir = join(root, 'data');
  const cacheDir = join(root, 'cache');
  mkdirSync(join(dataDir, COMMUNITY), { recursive: true });
  mkdirSync(cacheDir);
  walks.forEach((walk, endpoint) => {
    const path = join(fixturesDir(), walk.fixture);
    const varbinds = parseWalk(path, readFileSync(path, 'utf8'));
    writeFileSync(
      join(dataDir, COMMUNITY, `${UDP_DOMAIN}.${endpoint}.snmprec`),
      formatSnmprec(varbinds),
      { mode: 0o644 },
    );
  });
  const script = join(root, 'snmpsimd.py');
  const patched = source
    .replace(GETBULK_BUG, GETBULK_FIX)
    .replace(OPEN_FILES_LINE, `maxQueueEntries = ${Math.max(31, walks.length + 1)}`);
  writeFileSync(script, patched, { mode: 0o755 });
  for (const directory of [root, dataDir, join(dataDir, COMMUNITY)]) chmodSync(directory, 0o755);

  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    assertTraversableByOthers(root);
    const nobody = { uid: 65534, gid: 65534 };
    chownSync(cacheDir, nobody.uid, nobody.gid);
  }
  const args = [
    script,
    '--v2c-arch',
    `--data-dir=${dataDir}`,
    `--cache-dir=${cacheDir}`,
    '--logging-method=null',
    ...walks.map((walk) => `--agent-udpv4-endpoint=${walk.address}:${options.port}`),
    ...(asRoot ? ['--process-user=nobody', '--process-group=nogroup'] : []),
  ];
  const child = spawn(interpreter, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      waitUntilAnswering(walks, options.port, options.readyTimeoutMs ?? 90_000),
      exited.then((code) => {
        throw new Error(`snmpsimd exited (${code}) before answering:\n${stderr}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: options.port, community: COMMUNITY, stop };
}

/** Every directory from / to `path` must let others through (a 0700 home would not). */
function assertTraversableByOthers(path: string): void {
  const parts = path.split('/').filter(Boolean);
  for (let depth = 0; depth <= parts.length; depth++) {
    const directory = `/${parts.slice(0, depth).join('/')}`;
    if ((statSync(directory).mode & 0o001) === 0) {
      throw new Error(`${directory} is not traversable by others: snmpsimd runs as nobody`);
    }
  }
}

/** snmpsim indexes its data files before it answers: ask each endpoint until it does. */
async function waitUntilAnswering(
  walks: readonly SnmpsimWalk[],
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const walk of walks) {
    for (;;) {
      if (await answers(walk.address, port)) break;
      if (Date.now() > deadline) {
        throw new Error(`snmpsim did not answer on ${walk.address}:${port} within ${timeoutMs} ms`);
      }
    }
  }
}

function answers(address: string, port: number): Promise<boolean> {
  const session = snmp.createSession(address, COMMUNITY, {
    port,
    version: snmp.Version2c,
    timeout: 500,
    retries: 0,
  });
  return new Promise<boolean>((resolve) => {
    session.get([SYS_OBJECT_ID], (error: Error | null) => {
      session.close();
      resolve(error === null);
    });
  });
}
