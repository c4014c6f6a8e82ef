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
  /** Defaults to a tenth of a second's worth (at least 1). */
  burst?: number;
  now?: () => number;
};

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rate = options.ratePerSecond;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new RangeError(`ratePerSecond must be a positive number, got ${rate}`);
  }
  const burst = Math.max(1, options.burst ?? Math.ceil(rate / 10));
  const now = options.now ?? (() => Date.now());
  let tokens = burst;
  let refilledAt = now();
  let timer: NodeJS.Timeout | undefined;
  const waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  const refill = (): void => {
    const at = now();
    tokens = Math.min(burst, tokens + ((at - refilledAt) * rate) / 1000);
    refilledAt = at;
  };

  const drain = (): void => {
    timer = undefined;
    refill();
    while (waiters.length > 0 && tokens >= 1) {
      tokens -= 1;
      waiters.shift()?.resolve();
    }
    if (waiters.length > 0) {
      const waitMs = Math.max(1, Math.ceil(((1 - tokens) * 1000) / rate));
      timer = setTimeout(drain, waitMs);
    }
  };

  return {
    acquire(): Promise<void> {
      if (waiters.length === 0) {
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
      for (const waiter of waiters.splice(0)) waiter.reject(reason);
    },
    get pending(): number {
      return waiters.length;
    },
  };
}
