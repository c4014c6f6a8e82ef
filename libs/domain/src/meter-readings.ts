/**
 * Rules for consecutive meter readings of one device: what is worth storing, and which
 * counters went down (a discontinuity: board swap, counter reset, bad read). Pure: no I/O.
 */

/** counter name → value; canonical names and vendor extras (`vendor.name`) alike. */
export type CounterValues = Readonly<Record<string, number>>;

export type CounterRollback = {
  counter: string;
  before: number;
  after: number;
};

/** Only non-negative safe integers are counter values; anything else is dropped, not guessed. */
export function cleanCounters(values: Readonly<Record<string, unknown>>): Record<string, number> {
  const clean: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) clean[name] = value;
  }
  return clean;
}

/**
 * Same counters with the same values. Hourly polling of an idle printer gives identical
 * readings: those only advance the stored reading's last-seen time.
 */
export function sameCounters(a: CounterValues, b: CounterValues): boolean {
  const aNames = Object.keys(a);
  if (aNames.length !== Object.keys(b).length) return false;
  return aNames.every((name) => Object.hasOwn(b, name) && a[name] === b[name]);
}

/**
 * Counters present in both readings whose value went down from `previous` to `next`.
 * A counter missing on one side is no rollback (devices report different counter sets after
 * a firmware update); it simply has no delta there.
 */
export function detectRollbacks(previous: CounterValues, next: CounterValues): CounterRollback[] {
  const rollbacks: CounterRollback[] = [];
  for (const [counter, after] of Object.entries(next)) {
    const before = previous[counter];
    if (before !== undefined && after < before) rollbacks.push({ counter, before, after });
  }
  return rollbacks.sort((x, y) => x.counter.localeCompare(y.counter));
}

export type CounterDelta =
  | { kind: 'delta'; delta: number }
  | { kind: 'rollback'; before: number; after: number }
  | { kind: 'missing' };

/** The plain difference of one counter between two readings: never negative. */
export function counterDelta(start: number | undefined, end: number | undefined): CounterDelta {
  if (start === undefined || end === undefined) return { kind: 'missing' };
  if (end < start) return { kind: 'rollback', before: start, after: end };
  return { kind: 'delta', delta: end - start };
}

export type ReadingDecision =
  /** Nothing changed: advance the stored reading's last-seen time. */
  | { kind: 'identical' }
  /** Store a new reading; open a discontinuity for each rollback. */
  | { kind: 'store'; rollbacks: CounterRollback[] }
  /** Older than the newest stored reading: the caller stores it between its neighbours and compares with both. */
  | { kind: 'out-of-order' }
  /** Same timestamp as the newest stored reading but other values: the first one stays. */
  | { kind: 'conflict' };

/**
 * What to do with a new reading given the newest stored one. `latest.baseline` is that
 * reading's counters with rejected values replaced by the good value before them
 * (`baselineCounters`).
 */
export function decideReading(
  latest: { readAt: Date; counters: CounterValues; baseline?: CounterValues } | null,
  next: { readAt: Date; counters: CounterValues },
): ReadingDecision {
  if (!latest) return { kind: 'store', rollbacks: [] };
  if (sameCounters(latest.counters, next.counters)) return { kind: 'identical' };
  const step = next.readAt.getTime() - latest.readAt.getTime();
  if (step < 0) return { kind: 'out-of-order' };
  if (step === 0) return { kind: 'conflict' };
  return {
    kind: 'store',
    rollbacks: detectRollbacks(latest.baseline ?? latest.counters, next.counters),
  };
}

/**
 * The counters to compare the next reading against: a value a reviewer rejected as a bad read
 * is replaced by the good value before it, so the glitch does not become the new baseline.
 */
export function baselineCounters(
  counters: CounterValues,
  rejected: readonly { counter: string; beforeValue: number }[],
): Record<string, number> {
  const baseline: Record<string, number> = { ...counters };
  for (const { counter, beforeValue } of rejected) baseline[counter] = beforeValue;
  return baseline;
}
