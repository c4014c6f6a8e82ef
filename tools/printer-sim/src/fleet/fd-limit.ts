import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class FdLimitError extends Error {
  readonly code = 'PRINTER_SIM_FD_LIMIT';
}

export type FdLimits = { soft: number; hard: number };

export function readFdLimits(): FdLimits | null {
  try {
    const text = readFileSync('/proc/self/limits', 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('Max open files'));
    const m = line?.match(/Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/);
    if (!m) return null;
    const n = (s: string): number => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number(s));
    return { soft: n(m[1]!), hard: n(m[2]!) };
  } catch {
    return null;
  }
}

/**
 * Makes sure this process may open `needed` descriptors (one UDP socket and one TCP listener
 * per printer). Node already lifts the soft limit to the hard one at start-up; past the hard
 * limit only root can go, through prlimit(1) on our own pid.
 */
export function ensureFdLimit(needed: number): FdLimits | null {
  const limits = readFdLimits();
  if (!limits || limits.soft >= needed) return limits;
  const target = Math.max(needed, limits.soft);
  const value = target <= limits.hard ? `${target}:${limits.hard}` : `${target}:${target}`;
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${value}`], { stdio: 'ignore' });
  } catch {
    throw new FdLimitError(
      `need ${needed} open files but the limit is ${limits.soft} (hard ${limits.hard}); ` +
        `run as root, raise it with "ulimit -n ${needed}", or simulate fewer printers / pass rawPort: false`,
    );
  }
  const after = readFdLimits();
  if (after && after.soft < needed) {
    throw new FdLimitError(`could not raise the open-files limit to ${needed} (now ${after.soft})`);
  }
  return after;
}
