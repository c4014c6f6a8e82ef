import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseError, type DatabaseLog, logWarn } from './database.errors.js';
import type { RunAs } from './postgres-process.js';

// As root, PostgreSQL runs as user `postgres`, which must be able to enter every directory
// above its binaries and its data directory. A checkout under a mode-0700 home is out of its
// reach: then the binaries are copied once, and the cluster lives, under a root-owned,
// world-traversable home of ours (EMBEDDED_POSTGRES_HOME), and the requested data directory
// becomes a symbolic link to it. The user's directories keep their permissions.

export const DEFAULT_EMBEDDED_POSTGRES_HOME = '/var/lib/printbeat/embedded-postgres';
const POSTGRES_USER = 'postgres';

function idsOf(user: string): RunAs {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** The `postgres` user's ids, creating the user (and its group) when the system has none. */
export function postgresUser(): { uid: number; gid: number } {
  const existing = idsOf(POSTGRES_USER);
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--force', POSTGRES_USER], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', POSTGRES_USER, POSTGRES_USER], { stdio: 'ignore' });
  } catch (error) {
    throw new DatabaseError(
      'EMBEDDED_START_FAILED',
      'running as root, the embedded PostgreSQL needs a "postgres" user and could not create one (groupadd/useradd)',
      { cause: error },
    );
  }
  const created = idsOf(POSTGRES_USER);
  if (!created)
    throw new DatabaseError('EMBEDDED_START_FAILED', 'no "postgres" user after useradd');
  return created;
}

/** The existing directories at or above `path` that `ids` may not enter (from the mode bits). */
export function blockedDirectories(path: string, ids: { uid: number; gid: number }): string[] {
  const blocked: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const stat = statSync(dir);
      const bit = stat.uid === ids.uid ? 0o100 : stat.gid === ids.gid ? 0o010 : 0o001;
      if ((stat.mode & bit) === 0) blocked.push(dir);
    }
    if (dirname(dir) === dir) return blocked.reverse();
  }
}

/** Creates `dir` and its missing parents traversable by everyone, whatever the umask. */
function makeReachableDir(dir: string): void {
  if (existsSync(dir)) return;
  makeReachableDir(dirname(dir));
  mkdirSync(dir);
  chmodSync(dir, 0o755);
}

function assertHomeReachable(home: string, ids: { uid: number; gid: number }): void {
  makeReachableDir(home);
  const blocked = blockedDirectories(home, ids);
  if (blocked.length > 0) {
    throw new DatabaseError(
      'DATA_DIR_NOT_TRAVERSABLE',
      `EMBEDDED_POSTGRES_HOME ${home} is out of reach of user "postgres" (it cannot enter ${blocked.join(', ')}): choose a directory it can reach`,
    );
  }
}

/** Every file readable, every directory and executable enterable by everyone (umask aside). */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) openUp(path);
    else if (entry.isFile()) {
      const mode = statSync(path).mode & 0o7777;
      chmodSync(path, mode | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}

/**
 * The directory holding bin/, lib/ and share/ that `postgres` will run from: the package's own
 * `native/` when reachable, otherwise a copy under the home keyed by the package version, made
 * once (copied to a temporary directory, then renamed into place).
 */
export function reachableBinaries(options: {
  packageDir: string;
  home: string;
  ids: { uid: number; gid: number };
  log: DatabaseLog;
}): string {
  const native = join(options.packageDir, 'native');
  const blocked = blockedDirectories(join(native, 'bin'), options.ids);
  if (blocked.length === 0) return native;
  const { version } = JSON.parse(
    readFileSync(join(options.packageDir, 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  assertHomeReachable(options.home, options.ids);
  const target = join(options.home, `postgres-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const temporary = mkdtempSync(join(options.home, `.postgres-${version}-`));
    try {
      cpSync(native, temporary, { recursive: true, verbatimSymlinks: true });
      openUp(temporary);
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { recursive: true, force: true });
      // Another process may have put the same copy in place meanwhile.
      if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
    }
    logWarn(
      options.log,
      `user "postgres" cannot enter ${blocked.join(', ')}: copied the PostgreSQL ${version} binaries to ${target}`,
    );
  }
  return target;
}

/** Where the cluster for `requested` goes when `postgres` cannot reach it: keyed by the path. */
export function relocatedDataDir(requested: string, home: string): string {
  const key = createHash('sha256').update(resolve(requested)).digest('hex').slice(0, 16);
  return join(home, 'data', key);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The directory the cluster really lives in. The requested one when `postgres` can reach it;
 * a link made earlier is followed; otherwise a directory under the home keyed by the requested
 * path, linked from it. A cluster already in an unreachable place is refused (moving it is the
 * user's call).
 */
export function reachableDataDir(options: {
  requested: string;
  home: string;
  ids: { uid: number; gid: number };
  log: DatabaseLog;
}): string {
  const requested = resolve(options.requested);
  if (isSymlink(requested)) {
    const target = resolve(dirname(requested), readlinkSync(requested));
    if (!existsSync(target)) makeReachableDir(dirname(target));
    const blocked = blockedDirectories(dirname(target), options.ids);
    if (blocked.length > 0) throw notTraversable(requested, blocked);
    return target;
  }
  const blocked = blockedDirectories(dirname(requested), options.ids);
  if (blocked.length === 0) return requested;
  if (existsSync(requested)) {
    if (readdirSync(requested).length > 0) throw notTraversable(requested, blocked);
    rmSync(requested, { recursive: true });
  }
  assertHomeReachable(options.home, options.ids);
  makeReachableDir(join(options.home, 'data'));
  const target = relocatedDataDir(requested, options.home);
  // A cluster there without the link was let go with it (e.g. `.data` deleted to start over):
  // kept aside, never deleted.
  if (existsSync(target)) {
    const aside = `${target}-unlinked-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, aside);
    logWarn(
      options.log,
      `an earlier cluster for ${requested} (no longer linked) is kept in ${aside}`,
    );
  }
  symlinkSync(target, requested, 'dir');
  logWarn(
    options.log,
    `user "postgres" cannot enter ${blocked.join(', ')}: the cluster for ${requested} lives in ${target} (${requested} links to it)`,
  );
  return target;
}

function notTraversable(requested: string, blocked: string[]): DatabaseError {
  return new DatabaseError(
    'DATA_DIR_NOT_TRAVERSABLE',
    `running as root, the embedded PostgreSQL runs as user "postgres", which cannot enter ${blocked.join(', ')}, ` +
      `and ${requested} already holds data there. Move it somewhere "postgres" can reach (or remove it to start ` +
      `afresh under EMBEDDED_POSTGRES_HOME), or set DATABASE_URL to use an existing PostgreSQL server.`,
  );
}
