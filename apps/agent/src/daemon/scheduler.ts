/**
 * Runs the agent's jobs on their schedules: fixed intervals, or once a day at a local time.
 * A job never overlaps itself; a slow run delays its next start instead of piling up.
 */
export type Schedule = { everySeconds: number } | { dailyAt: string };

export type Job = {
  name: string;
  schedule: Schedule;
  run: () => Promise<void>;
  runAtStart?: boolean;
};

export type Clock = {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function nextRun(schedule: Schedule, from: Date): Date {
  if ('everySeconds' in schedule) return new Date(from.getTime() + schedule.everySeconds * 1000);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.dailyAt);
  if (!match) throw new Error(`Invalid daily time "${schedule.dailyAt}" (expected HH:MM)`);
  const next = new Date(from);
  next.setHours(Number(match[1]), Number(match[2]), 0, 0);
  if (next.getTime() <= from.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

export class Scheduler {
  private readonly timers = new Map<string, unknown>();
  private readonly nextAt = new Map<string, Date>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly onError: (job: string, error: unknown) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  add(job: Job): void {
    this.plan(job, job.runAtStart ? this.clock.now() : nextRun(job.schedule, this.clock.now()));
  }

  /** Replaces the schedule of a job (remote config changed) without losing a running run. */
  reschedule(job: Job): void {
    const timer = this.timers.get(job.name);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.plan(job, nextRun(job.schedule, this.clock.now()));
  }

  /** Runs a job now (an on-demand action), unless it is already running: then waits for it. */
  async runNow(job: Job): Promise<void> {
    const current = this.running.get(job.name);
    if (current) return current;
    const run = job
      .run()
      .catch((error: unknown) => this.onError(job.name, error))
      .finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }

  upcoming(): { name: string; at: Date }[] {
    return [...this.nextAt]
      .map(([name, at]) => ({ name, at }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Cancels future runs and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running.values());
  }

  private plan(job: Job, at: Date): void {
    if (this.stopped) return;
    this.nextAt.set(job.name, at);
    const delay = Math.max(0, at.getTime() - this.clock.now().getTime());
    const timer = this.clock.setTimeout(() => {
      void this.runNow(job).then(() => this.plan(job, nextRun(job.schedule, this.clock.now())));
    }, delay);
    this.timers.set(job.name, timer);
  }
}
