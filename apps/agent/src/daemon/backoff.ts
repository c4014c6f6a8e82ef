/**
 * Exponential backoff with full jitter, one instance per communication path (upload,
 * command poll, config, renew), so one failing path does not slow the others and a fleet of
 * agents does not retry in lockstep after a central outage.
 */
export type BackoffOptions = {
  baseMs: number;
  maxMs: number;
  factor?: number;
  random?: () => number;
};

export class Backoff {
  private failures = 0;
  private readonly factor: number;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.factor = options.factor ?? 2;
    this.random = options.random ?? Math.random;
  }

  /** Records a failure and returns how long to wait before the next try. */
  fail(): number {
    const ceiling = Math.min(
      this.options.maxMs,
      this.options.baseMs * this.factor ** this.failures,
    );
    this.failures++;
    return Math.max(this.options.baseMs / 2, Math.round(this.random() * ceiling));
  }

  succeed(): void {
    this.failures = 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
