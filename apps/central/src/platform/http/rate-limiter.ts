/**
 * Token buckets per key (a source address, an account), in memory: each replica limits on its own, so with
 * N replicas behind a balancer an address gets up to N× the rate. Good enough against key
 * guessing (keys carry 256 bits); a shared limiter would live in Postgres or the proxy.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until a token is back. */
  take(key: string): number {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.secondsUntilToken(bucket);
  }

  /** Like `take` but takes nothing: 0 when a token is there, else the seconds until one is. */
  waitSeconds(key: string): number {
    const bucket = this.refill(key);
    return bucket.tokens >= 1 ? 0 : this.secondsUntilToken(bucket);
  }

  private refill(key: string): { tokens: number; updatedAt: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: now };
    bucket.tokens = Math.min(
      this.capacity,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.refillPerSecond,
    );
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.prune(now);
    return bucket;
  }

  private secondsUntilToken(bucket: { tokens: number }): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerSecond - 1e-9));
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.refillPerSecond >= this.capacity)
        this.buckets.delete(key);
    }
  }
}
