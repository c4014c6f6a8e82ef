import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The three things we ask of the PostgreSQL binaries: initdb a cluster, run the postmaster
// until it accepts connections, stop it. Run as `postgres` (uid/gid) when we are root.

export type RunAs = { uid: number; gid: number } | null;

export type PostgresBinaries = { initdb: string; postgres: string };

export function binariesIn(nativeDir: string): PostgresBinaries {
  return { initdb: join(nativeDir, 'bin', 'initdb'), postgres: join(nativeDir, 'bin', 'postgres') };
}

// Messages in English whatever the environment: readiness is read from the server's log.
const MESSAGES_ENV = { ...process.env, LC_MESSAGES: 'C' };

/** Adds the execute bits a packaging step may have lost (a no-op, so no chmod, otherwise). */
function ensureExecutable(file: string): void {
  const mode = statSync(file).mode;
  if ((mode & 0o555) !== 0o555) chmodSync(file, mode | 0o555);
}

function ownedBy(runAs: RunAs): { uid?: number; gid?: number } {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

export async function initdb(options: {
  binaries: PostgresBinaries;
  dataDir: string;
  user: string;
  password: string;
  runAs: RunAs;
  onLog: (message: string) => void;
}): Promise<void> {
  ensureExecutable(options.binaries.initdb);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // Beside the data dir: a place `postgres` can reach (checked by the caller), never the cluster.
  const passwordFile = join(dirname(options.dataDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  try {
    if (options.runAs) {
      chownSync(options.dataDir, options.runAs.uid, options.runAs.gid);
      chownSync(passwordFile, options.runAs.uid, options.runAs.gid);
    }
    const child = spawn(
      options.binaries.initdb,
      [
        `--pgdata=${options.dataDir}`,
        '--auth=scram-sha-256',
        `--username=${options.user}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
        '--encoding=UTF8',
      ],
      { ...ownedBy(options.runAs), env: MESSAGES_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => options.onLog(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
      options.onLog(chunk.toString('utf8'));
    });
    await new Promise<void>((resolveInit, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code === 0) resolveInit();
        else reject(new Error(`initdb failed (${code ?? signal}): ${errors.trim()}`));
      });
    });
  } finally {
    unlinkSync(passwordFile);
  }
}

export type RunningPostgres = {
  process: ChildProcess;
  /** A fast shutdown (SIGINT), then an immediate one if it lingers; resolves once it exited. */
  stop(): Promise<void>;
};

export async function startPostgres(options: {
  binaries: PostgresBinaries;
  dataDir: string;
  port: number;
  flags: string[];
  runAs: RunAs;
  onLog: (message: string) => void;
}): Promise<RunningPostgres> {
  ensureExecutable(options.binaries.postgres);
  const child = spawn(
    options.binaries.postgres,
    ['-D', options.dataDir, '-p', String(options.port), ...options.flags],
    { ...ownedBy(options.runAs), env: MESSAGES_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  // Read for the server's whole life: a full pipe would block its logging.
  child.stdout.on('data', (chunk: Buffer) => options.onLog(chunk.toString('utf8')));
  await new Promise<void>((resolveReady, reject) => {
    child.once('error', reject);
    child.stderr.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      options.onLog(message);
      if (message.includes('database system is ready to accept connections')) resolveReady();
    });
    void exited.then(() => reject(new Error('postgres exited before accepting connections')));
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const quit = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(quit);
    })();
    return stopping;
  };
  return { process: child, stop };
}
