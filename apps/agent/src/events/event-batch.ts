/**
 * Printer events waiting for the next event upload. The first event opens a window of
 * `windowMs`; when it ends, one upload takes at most `maxDevices` printers (the rest open the
 * next window). A printer appears once per upload with its newest event, so a printer that
 * flaps sends at most one reading per window, and the agent at most one event upload per
 * window. Pure: the caller passes the time.
 */
export type EventBatchLimits = { windowMs: number; maxDevices: number };

export class EventBatch<E> {
  private readonly waiting = new Map<string, E>();
  private windowEndsAt: number | null = null;

  constructor(private limits: EventBatchLimits) {}

  setLimits(limits: EventBatchLimits): void {
    this.limits = limits;
  }

  /** Adds the printer's event, or replaces its waiting one (keeping its place in the queue). */
  add(address: string, event: E, now: number): void {
    this.waiting.set(address, event);
    this.windowEndsAt ??= now + this.limits.windowMs;
  }

  /** When the open window ends (null when nothing waits). */
  dueAt(): number | null {
    return this.windowEndsAt;
  }

  get size(): number {
    return this.waiting.size;
  }

  /** The events of the ended window (empty before it ends); what is over the cap waits a window more. */
  take(now: number): { address: string; event: E }[] {
    if (this.windowEndsAt === null || now < this.windowEndsAt) return [];
    const taken = [...this.waiting].slice(0, this.limits.maxDevices);
    for (const [address] of taken) this.waiting.delete(address);
    this.windowEndsAt = this.waiting.size > 0 ? now + this.limits.windowMs : null;
    return taken.map(([address, event]) => ({ address, event }));
  }

  /** Puts events back (their upload could not be written); a printer with a newer event keeps that. */
  restore(events: readonly { address: string; event: E }[], now: number): void {
    for (const { address, event } of events)
      if (!this.waiting.has(address)) this.waiting.set(address, event);
    if (this.waiting.size > 0) this.windowEndsAt ??= now + this.limits.windowMs;
  }
}
