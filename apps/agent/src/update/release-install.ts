import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  chmod,
  copyFile,
  mkdir,
  readdir,
  readlink,
  rename,
  rm,
  stat,
  symlink,
} from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { releaseEntry, SINGLE_EXECUTABLE_FILE, type InstallationKind } from './installation.js';

const run = promisify(execFile);

/**
 * Releases side by side in `<data-dir>/versions/<version>/`, the one in use named by the
 * `<data-dir>/current` symlink, which is replaced in one rename.
 */
export const versionsDir = (dataDir: string): string => join(dataDir, 'versions');
export const currentLink = (dataDir: string): string => join(dataDir, 'current');
export const downloadPath = (dataDir: string, version: string, platform: string): string =>
  join(dataDir, 'update', 'downloads', `printbeat-agent-${version}-${platform}.part`);

/** The entry point of a release installed here, or of the base installation for null. */
export function entryPoint(
  dataDir: string,
  version: string | null,
  baseEntry: string,
  kind: InstallationKind,
): string {
  return version === null ? baseEntry : releaseEntry(join(versionsDir(dataDir), version), kind);
}

export async function fileDigest(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), size: (await stat(path)).size };
}

/**
 * Puts a verified artifact into versions/<version> (a tarball unpacked, a single executable
 * copied and made executable); a half-done install never shows there.
 */
export async function installRelease(
  dataDir: string,
  version: string,
  artifactPath: string,
  kind: InstallationKind,
): Promise<void> {
  const target = join(versionsDir(dataDir), version);
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true, mode: 0o755 });
  if (kind === 'single-executable') {
    const file = join(partial, SINGLE_EXECUTABLE_FILE);
    await copyFile(artifactPath, file);
    await chmod(file, 0o755);
  } else {
    await run('tar', [
      '-xzf',
      artifactPath,
      '-C',
      partial,
      '--strip-components=1',
      '--no-same-owner',
    ]);
  }
  await rm(target, { recursive: true, force: true });
  await rename(partial, target);
}

/** Points `current` at a release (null: the base installation) atomically. */
export async function switchCurrent(dataDir: string, version: string | null): Promise<void> {
  const link = currentLink(dataDir);
  if (version === null) {
    await rm(link, { force: true });
    return;
  }
  const tmp = `${link}.${process.pid}.tmp`;
  await rm(tmp, { force: true });
  await symlink(join('versions', version), tmp);
  await rename(tmp, link);
}

export async function currentTarget(dataDir: string): Promise<string | null> {
  try {
    return await readlink(currentLink(dataDir));
  } catch {
    return null;
  }
}

/** Removes installed releases but the given ones (and unpacks left half done); returns them. */
export async function pruneReleases(
  dataDir: string,
  keep: readonly (string | null)[],
): Promise<string[]> {
  const names = await readdir(versionsDir(dataDir)).catch(() => [] as string[]);
  const removed = names.filter((name) => !keep.includes(name));
  for (const name of removed) {
    await rm(join(versionsDir(dataDir), name), { recursive: true, force: true });
  }
  return removed;
}
