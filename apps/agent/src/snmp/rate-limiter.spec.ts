import { jest } from '@jest/globals';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  }

  it('lets a burst through at once, then paces at the rate', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 100, burst: 5 });
    const released: number[] = [];
    for (let i = 0; i < 25; i += 1) void limiter.acquire().then(() => released.push(Date.now()));
    await settle();
    expect(released).toEqual([0, 0, 0, 0, 0]);
    expect(limiter.pending).toBe(20);

    await jest.advanceTimersByTimeAsync(100);
    expect(released).toHaveLength(15);
    await jest.advanceTimersByTimeAsync(100);
    expect(released).toHaveLength(25);
    // 20 queued sends at 100/s take 200 ms: never more than one per 10 ms after the burst.
    const afterBurst = released.slice(5);
    for (let i = 1; i < afterBurst.length; i += 1) {
      expect((afterBurst[i] ?? 0) - (afterBurst[i - 1] ?? 0)).toBeGreaterThanOrEqual(9);
    }
  });

  it('holds the long-run rate: 1,000 acquisitions at 500/s, half a second of burst by default', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 500 });
    let done = 0;
    for (let i = 0; i < 1000; i += 1) void limiter.acquire().then(() => (done += 1));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toBe(250);
    await jest.advanceTimersByTimeAsync(1000);
    expect(done).toBeGreaterThanOrEqual(740);
    expect(done).toBeLessThanOrEqual(760);
    await jest.advanceTimersByTimeAsync(500);
    expect(done).toBe(1000);
  });

  it('catches up after the process stalled, within the burst', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 1000, burst: 300 });
    let done = 0;
    for (let i = 0; i < 300; i += 1) void limiter.acquire().then(() => (done += 1));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toBe(300);
    for (let i = 0; i < 2000; i += 1) void limiter.acquire().then(() => (done += 1));
    // A 200 ms stall: the timer fires late, and the tokens earned meanwhile are not lost.
    jest.setSystemTime(Date.now() + 200);
    await jest.advanceTimersByTimeAsync(1);
    expect(done).toBeGreaterThanOrEqual(500);
  });

  it('refills while idle, but never beyond the burst', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 2 });
    await limiter.acquire();
    await limiter.acquire();
    await jest.advanceTimersByTimeAsync(10_000);
    let done = 0;
    for (let i = 0; i < 3; i += 1) void limiter.acquire().then(() => (done += 1));
    await settle();
    expect(done).toBe(2);
    await jest.advanceTimersByTimeAsync(100);
    expect(done).toBe(3);
  });

  it('serves waiters first come, first served', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 1 });
    const order: number[] = [];
    for (let i = 0; i < 4; i += 1) void limiter.acquire().then(() => order.push(i));
    await jest.advanceTimersByTimeAsync(400);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('rejects waiters on cancelAll', async () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1 });
    await limiter.acquire();
    const waiting = limiter.acquire();
    limiter.cancelAll(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
    expect(limiter.pending).toBe(0);
  });

  it('refuses a non-positive rate', () => {
    expect(() => createRateLimiter({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
