/**
 * Token bucket shared by everything one process sends: `ratePerSecond` tokens a second,
 * at most `burst` saved up. Waiters are served first-come first-served.
 */
export type RateLimiter = {
  /** Resolves when a send may go out. */
  acquire(): Promise<void>;
  /** Rejects every waiter (used when shutting down). */
  cancelAll(reason: Error): void;
  readonly pending: number;
};

export type RateLimiterOptions = {
  ratePerSecond: number;
  /**
   * Tokens saved up while idle. Defaults to half a second's worth (at least 1): when the
   * process stalls (GC, a busy machine) it catches up to the average rate afterwards instead
   * of losing the time, at the cost of a short burst of that size.
   */
  burst?: number;
  now?: () => number;
};

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rate = options.ratePerSecond;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new RangeError(`ratePerSecond must be a positive number, got ${rate}`);
  }
  const burst = Math.max(1, options.burst ?? Math.ceil(rate / 2));
  const now = options.now ?? (() => Date.now());
  let tokens = burst;
  let refilledAt = now();
  let timer: NodeJS.Timeout | undefined;
  // A queue with a moving head: Array#shift is O(n), and a sweep keeps thousands waiting.
  let waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let head = 0;
  const waiting = (): number => waiters.length - head;

  const refill = (): void => {
    const at = now();
    tokens = Math.min(burst, tokens + ((at - refilledAt) * rate) / 1000);
    refilledAt = at;
  };

  const drain = (): void => {
    timer = undefined;
    refill();
    while (waiting() > 0 && tokens >= 1) {
      tokens -= 1;
      const waiter = waiters[head];
      waiters[head] = undefined as never;
      head += 1;
      waiter?.resolve();
    }
    if (head > 1024 && head * 2 > waiters.length) {
      waiters = waiters.slice(head);
      head = 0;
    }
    if (waiting() > 0) {
      const waitMs = Math.max(1, Math.ceil(((1 - tokens) * 1000) / rate));
      timer = setTimeout(drain, waitMs);
    }
  };

  return {
    acquire(): Promise<void> {
      if (waiting() === 0) {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return Promise.resolve();
        }
      }
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        if (timer === undefined) drain();
      });
    },
    cancelAll(reason: Error): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const cancelled = waiters.slice(head);
      waiters = [];
      head = 0;
      for (const waiter of cancelled) waiter.reject(reason);
    },
    get pending(): number {
      return waiting();
    },
  };
}
