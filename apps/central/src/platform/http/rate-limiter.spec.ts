import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows the capacity at once, then refuses until tokens come back', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 0.5, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(2);
    expect(limiter.take('b')).toBe(0);
    now += 2000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(2);
  });
  it('tells how long until a token is back without taking one', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1 / 30, () => now);
    expect(limiter.waitSeconds('a')).toBe(0);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.waitSeconds('a')).toBe(30);
    expect(limiter.waitSeconds('a')).toBe(30);
    now += 30_000;
    expect(limiter.waitSeconds('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
  });
});
