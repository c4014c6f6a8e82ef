/**
 * Stored supply levels are runs: one row per change, read first at `readAt` and unchanged
 * until `lastSeenAt` (null: only at `readAt`). Pure: no I/O, no clock.
 */
export type SupplyLevelRun = { readAt: Date; lastSeenAt: Date | null };

export type UnrolledReading<T> = { at: Date; run: T };

export type UnrollOptions = {
  /** Readings before this instant are left out (a run that started earlier still counts from here). */
  from?: Date;
  /** At most this many readings, oldest first. */
  limit?: number;
};

/**
 * The readings a series of runs (oldest first) stands for, oldest first: each run unrolled at
 * the polling interval, so that a forecast weighs a flat period as it did when every reading
 * was stored. The interval is the median gap between one run's last reading and the next run's
 * first, which is one poll for a device polled regularly; without any gap (a single run) only
 * a run's first and last readings are known.
 */
export function unrollLevelRuns<T extends SupplyLevelRun>(
  runs: readonly T[],
  options: UnrollOptions = {},
): UnrolledReading<T>[] {
  const from = options.from?.getTime() ?? -Infinity;
  const limit = options.limit ?? Infinity;
  const interval = pollInterval(runs);
  const readings: UnrolledReading<T>[] = [];
  for (const run of runs) {
    const first = run.readAt.getTime();
    const span = Math.max(0, (run.lastSeenAt?.getTime() ?? first) - first);
    const steps = span === 0 ? 0 : interval === null ? 1 : Math.max(1, Math.round(span / interval));
    for (let step = 0; step <= steps; step += 1) {
      const at = first + (steps === 0 ? 0 : (span * step) / steps);
      if (at < from) continue;
      if (readings.length >= limit) return readings;
      readings.push({ at: new Date(at), run });
    }
  }
  return readings;
}

/** The median positive gap between consecutive runs, in milliseconds; null when there is none. */
export function pollInterval(runs: readonly SupplyLevelRun[]): number | null {
  const gaps: number[] = [];
  for (let index = 1; index < runs.length; index += 1) {
    const previous = runs[index - 1]!;
    const gap = runs[index]!.readAt.getTime() - (previous.lastSeenAt ?? previous.readAt).getTime();
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)]!;
}

/**
 * The readings a history view needs to draw the runs (newest first): a run's last reading and
 * its first; the readings between lie on the line joining them. Only instants before `before`.
 */
export function runEndpoints<T extends SupplyLevelRun>(
  runsNewestFirst: readonly T[],
  before: Date | null,
): UnrolledReading<T>[] {
  const points: UnrolledReading<T>[] = [];
  for (const run of runsNewestFirst) {
    const last = run.lastSeenAt;
    if (last && last.getTime() > run.readAt.getTime() && (!before || last < before))
      points.push({ at: last, run });
    if (!before || run.readAt < before) points.push({ at: run.readAt, run });
  }
  return points;
}
