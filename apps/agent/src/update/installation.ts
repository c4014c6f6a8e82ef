import { join } from 'node:path';
import { isSea } from 'node:sea';
import { fileURLToPath } from 'node:url';

/**
 * How this agent is installed: `node` runs the agent's files (`bin/printbeat-agent.js` and its
 * `node_modules`), `single-executable` is one file with Node inside (tools/release `--sea`).
 * Each kind installs only releases of its own kind, so the kind is part of the platform.
 */
export type InstallationKind = 'node' | 'single-executable';

export const installationKind = (): InstallationKind => (isSea() ? 'single-executable' : 'node');

/** The platform releases name: `linux-x64`, or `linux-x64-sea` for the single executable. */
export function releasePlatform(kind: InstallationKind = installationKind()): string {
  const platform = `${process.platform}-${process.arch}`;
  return kind === 'single-executable' ? `${platform}-sea` : platform;
}

/** The file name of a single-executable release inside `versions/<version>/`. */
export const SINGLE_EXECUTABLE_FILE = 'printbeat-agent';

/** The file a release unpacked in `dir` starts from. */
export function releaseEntry(dir: string, kind: InstallationKind): string {
  return kind === 'single-executable'
    ? join(dir, SINGLE_EXECUTABLE_FILE)
    : join(dir, 'bin', 'printbeat-agent.js');
}

/** The entry point of the installation this process runs from. */
export function baseEntry(kind: InstallationKind): string {
  return kind === 'single-executable'
    ? process.execPath
    : fileURLToPath(new URL('../../bin/printbeat-agent.js', import.meta.url));
}

/** The command line that starts `entry` with `args`. */
export function launchCommand(
  entry: string,
  args: readonly string[],
  kind: InstallationKind,
): { command: string; args: string[] } {
  return kind === 'single-executable'
    ? { command: entry, args: [...args] }
    : { command: process.execPath, args: [entry, ...args] };
}
