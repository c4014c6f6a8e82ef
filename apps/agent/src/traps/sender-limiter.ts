export type SenderLimiterOptions = {
  /** Traps one sender may send a minute on average. */
  perSenderPerMinute: number;
  /** Traps one sender may send at once after a quiet spell. */
  burst: number;
  /** Traps all senders together may send a second. */
  totalPerSecond: number;
  /** Senders tracked at once; beyond it, new senders wait until old ones go quiet. */
  maxSenders: number;
  now?: () => number;
};

export const DEFAULT_SENDER_LIMITS: Omit<SenderLimiterOptions, 'now'> = {
  perSenderPerMinute: 6,
  burst: 3,
  totalPerSecond: 50,
  maxSenders: 10_000,
};

type Bucket = { tokens: number; at: number };

/**
 * Token buckets per sender and for all senders together, asked before a datagram is decoded:
 * a printer in a trap storm (or a flood from a forged address in scope) costs a counter, not
 * a decode and a poll each.
 */
export class SenderLimiter {
  private readonly senders = new Map<string, Bucket>();
  private readonly total: Bucket;
  private readonly now: () => number;

  constructor(private readonly options: SenderLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.total = { tokens: options.totalPerSecond, at: this.now() };
  }

  admit(sender: string): boolean {
    const now = this.now();
    refill(this.total, now, this.options.totalPerSecond, this.options.totalPerSecond / 1000);
    let bucket = this.senders.get(sender);
    if (!bucket) {
      if (this.senders.size >= this.options.maxSenders && !this.forgetQuietSenders(now))
        return false;
      bucket = { tokens: this.options.burst, at: now };
      this.senders.set(sender, bucket);
    }
    refill(bucket, now, this.options.burst, this.options.perSenderPerMinute / 60_000);
    if (bucket.tokens < 1 || this.total.tokens < 1) return false;
    bucket.tokens -= 1;
    this.total.tokens -= 1;
    return true;
  }

  /** Drops senders whose bucket has filled up again (they are as good as new); true if any. */
  private forgetQuietSenders(now: number): boolean {
    const before = this.senders.size;
    for (const [sender, bucket] of this.senders) {
      refill(bucket, now, this.options.burst, this.options.perSenderPerMinute / 60_000);
      if (bucket.tokens >= this.options.burst) this.senders.delete(sender);
    }
    return this.senders.size < before;
  }
}

function refill(bucket: Bucket, now: number, capacity: number, perMs: number): void {
  bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
  bucket.at = now;
}
