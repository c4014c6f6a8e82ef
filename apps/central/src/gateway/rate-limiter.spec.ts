import { AddressList } from './address-list.js';
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
});

describe('AddressList', () => {
  it('matches addresses and CIDRs, including IPv4-mapped IPv6 peers', () => {
    const list = new AddressList(['127.0.0.2', '127.10.0.0/16']);
    expect(list.has('127.0.0.2')).toBe(true);
    expect(list.has('::ffff:127.10.3.4')).toBe(true);
    expect(list.has('127.0.0.1')).toBe(false);
    expect(new AddressList([]).has('127.0.0.1')).toBe(false);
  });
});
