/**
 * When each printer's status is polled next: every `everyMs` while it answers; after each
 * unanswered poll the wait doubles (everyMs, 2×, 4× …) up to `maxMs`, so a printer that is
 * asleep or switched off is not asked every minute. An answer, or a request to check it now
 * (a trap), brings it back to the normal pace. Pure: the caller passes the time.
 */
export type StatusPollTimes = { everyMs: number; maxMs: number };

type PlanEntry = { nextAt: number; unanswered: number };

export class StatusPollPlan {
  private readonly entries = new Map<string, PlanEntry>();

  constructor(private times: StatusPollTimes) {}

  setTimes(times: StatusPollTimes): void {
    this.times = times;
  }

  /**
   * Keeps exactly these printers. A new one is first due a period from now: a printer becomes
   * known by being read in full (start, discovery), which is its first status.
   */
  track(addresses: Iterable<string>, now: number): void {
    const keep = new Set(addresses);
    for (const address of this.entries.keys()) if (!keep.has(address)) this.entries.delete(address);
    for (const address of keep)
      if (!this.entries.has(address))
        this.entries.set(address, { nextAt: now + this.times.everyMs, unanswered: 0 });
  }

  due(now: number): string[] {
    return [...this.entries]
      .filter(([, entry]) => entry.nextAt <= now)
      .sort(([, a], [, b]) => a.nextAt - b.nextAt)
      .map(([address]) => address);
  }

  /** When the next printer is due (null when none is tracked). */
  nextDueAt(): number | null {
    let next: number | null = null;
    for (const entry of this.entries.values())
      if (next === null || entry.nextAt < next) next = entry.nextAt;
    return next;
  }

  answered(address: string, now: number): void {
    this.entries.set(address, { nextAt: now + this.times.everyMs, unanswered: 0 });
  }

  /** Records an unanswered poll; returns the wait before the next one. */
  unanswered(address: string, now: number): number {
    const unanswered = (this.entries.get(address)?.unanswered ?? 0) + 1;
    const wait = Math.min(this.times.maxMs, this.times.everyMs * 2 ** (unanswered - 1));
    this.entries.set(address, { nextAt: now + wait, unanswered });
    return wait;
  }

  /** A reason to look now (a trap, an operator): due at once, at the normal pace again. */
  pollNow(address: string, now: number): void {
    this.entries.set(address, { nextAt: now, unanswered: 0 });
  }

  unansweredPolls(address: string): number {
    return this.entries.get(address)?.unanswered ?? 0;
  }
}
