/**
 * Agent clocks are checked, never trusted: a reading's time is judged against the moment
 * central received the upload. Pure: no I/O.
 */

export type ReadingTimeLimits = {
  /** How far ahead of central's clock a reading may be dated (agent clock skew). */
  maxFutureSeconds: number;
  /** How old a reading may be and still become a device's latest state. */
  maxAgeDays: number;
};

/**
 * - `current`: stored, and may become the device's latest state (status, last seen, alerts).
 * - `history`: stored as meter and supply history only; never the device's latest state.
 * - `refused`: dated in the future beyond the skew; not stored at all.
 */
export type ReadingTimeClass = 'current' | 'history' | 'refused';

/** The instants that separate the classes for one upload. */
export type ReadingTimeBounds = {
  /** Readings dated after this are refused. */
  refusedAfter: Date;
  /** Readings dated before this are history only. */
  historyBefore: Date;
};

export function readingTimeBounds(receivedAt: Date, limits: ReadingTimeLimits): ReadingTimeBounds {
  return {
    refusedAfter: new Date(receivedAt.getTime() + limits.maxFutureSeconds * 1000),
    historyBefore: new Date(receivedAt.getTime() - limits.maxAgeDays * 86_400_000),
  };
}

/** An unreadable time is refused like a future one: it cannot be placed in any history. */
export function classifyReadingTime(takenAt: Date, bounds: ReadingTimeBounds): ReadingTimeClass {
  const at = takenAt.getTime();
  if (!Number.isFinite(at) || at > bounds.refusedAfter.getTime()) return 'refused';
  if (at < bounds.historyBefore.getTime()) return 'history';
  return 'current';
}

/** Agent clock minus central's clock, in whole seconds (positive: the agent is ahead). */
export function clockOffsetSeconds(agentTime: Date, receivedAt: Date): number | null {
  const offset = agentTime.getTime() - receivedAt.getTime();
  return Number.isFinite(offset) ? Math.round(offset / 1000) : null;
}
