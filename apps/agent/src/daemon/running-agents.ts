import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningAgent = { pid: number; dataDir: string; startedAt: string };

/** Per-user folder where each `run` leaves a note of its data directory while it runs. */
export function runningAgentsDir(env: NodeJS.ProcessEnv = process.env): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return join(env.XDG_RUNTIME_DIR ?? tmpdir(), `printbeat-agent-${uid}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records this process's data directory; the returned function removes the note again. */
export async function registerRunningAgent(
  dataDir: string,
  directory = runningAgentsDir(),
): Promise<() => Promise<void>> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const file = join(directory, `${process.pid}.json`);
  const note: RunningAgent = { pid: process.pid, dataDir, startedAt: new Date().toISOString() };
  await writeFile(file, JSON.stringify(note), { mode: 0o600 });
  return () => rm(file, { force: true });
}

/** The agents running now (notes of processes that died are removed on the way). */
export async function listRunningAgents(directory = runningAgentsDir()): Promise<RunningAgent[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return [];
  }
  const running: RunningAgent[] = [];
  for (const name of names.filter((entry) => /^\d+\.json$/.test(entry))) {
    const file = join(directory, name);
    try {
      const note = JSON.parse(await readFile(file, 'utf8')) as RunningAgent;
      if (isAlive(note.pid)) running.push(note);
      else await rm(file, { force: true });
    } catch {
      await rm(file, { force: true });
    }
  }
  return running;
}
