import { jest } from '@jest/globals';
import { Backoff } from './backoff.js';
import { nextRun, Scheduler } from './scheduler.js';

describe('nextRun', () => {
  it('adds the interval', () => {
    expect(nextRun({ everySeconds: 3600 }, new Date('2026-11-21T10:00:00Z')).toISOString()).toBe(
      '2026-11-21T11:00:00.000Z',
    );
  });
  it('picks today or tomorrow for a daily time (TZ=UTC in tests)', () => {
    expect(nextRun({ dailyAt: '09:00' }, new Date('2026-11-21T08:59:00Z')).toISOString()).toBe(
      '2026-11-21T09:00:00.000Z',
    );
    expect(nextRun({ dailyAt: '09:00' }, new Date('2026-11-21T09:00:00Z')).toISOString()).toBe(
      '2026-11-22T09:00:00.000Z',
    );
  });
  it('refuses a malformed daily time', () => {
    expect(() => nextRun({ dailyAt: '9am' }, new Date())).toThrow('Invalid daily time');
  });
});

describe('Scheduler', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('runs a job on its interval and never overlaps it', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const scheduler = new Scheduler(() => {});
    scheduler.add({
      name: 'meters',
      schedule: { everySeconds: 60 },
      run: () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(180_000); // still running: no second start
    expect(runs).toBe(1);
    release();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    release();
    await scheduler.stop();
  });

  it('reports a failing run and keeps the schedule', async () => {
    const errors: string[] = [];
    const scheduler = new Scheduler((job) => errors.push(job));
    let runs = 0;
    scheduler.add({
      name: 'upload',
      schedule: { everySeconds: 10 },
      run: () => (runs++, Promise.reject(new Error('down'))),
    });
    await jest.advanceTimersByTimeAsync(30_000);
    expect(runs).toBe(3);
    expect(errors).toEqual(['upload', 'upload', 'upload']);
    await scheduler.stop();
  });
});

describe('Backoff', () => {
  it('grows exponentially up to the cap and resets on success', () => {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 8000, random: () => 1 });
    expect([
      backoff.fail(),
      backoff.fail(),
      backoff.fail(),
      backoff.fail(),
      backoff.fail(),
    ]).toEqual([1000, 2000, 4000, 8000, 8000]);
    backoff.succeed();
    expect(backoff.fail()).toBe(1000);
  });
  it('jitters below the ceiling but never under half the base', () => {
    const backoff = new Backoff({ baseMs: 1000, maxMs: 8000, random: () => 0 });
    expect(backoff.fail()).toBe(500);
  });
});
