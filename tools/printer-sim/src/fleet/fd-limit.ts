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
 * Tries to let this process open `wanted` descriptors (one UDP socket and one TCP listener
 * per printer) and returns the resulting limits. Node already lifts the soft limit to the hard
 * one at start-up; past the hard limit only a process with CAP_SYS_RESOURCE can go, through
 * prlimit(1) on its own pid. Callers decide what to do when it stays too low.
 */
export function raiseFdLimit(wanted: number): FdLimits | null {
  const limits = readFdLimits();
  if (!limits || limits.soft >= wanted) return limits;
  const value = wanted <= limits.hard ? `${wanted}:${limits.hard}` : `${wanted}:${wanted}`;
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${value}`], {
      stdio: 'ignore',
    });
  } catch {
    if (limits.hard > limits.soft) {
      try {
        execFileSync(
          'prlimit',
          ['--pid', String(process.pid), `--nofile=${limits.hard}:${limits.hard}`],
          {
            stdio: 'ignore',
          },
        );
      } catch {
        // keep the current limit
      }
    }
  }
  return readFdLimits();
}

export function fdLimitError(needed: number, limits: FdLimits): FdLimitError {
  return new FdLimitError(
    `need ${needed} open files but the limit is ${limits.soft} (hard ${limits.hard}); ` +
      `raise it (ulimit -n / prlimit, needs CAP_SYS_RESOURCE past the hard limit) or simulate fewer printers`,
  );
}
