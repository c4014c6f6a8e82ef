import { SenderLimiter } from './sender-limiter.js';

describe('SenderLimiter', () => {
  let now = 0;
  const limiter = (overrides: Partial<ConstructorParameters<typeof SenderLimiter>[0]> = {}) =>
    new SenderLimiter({
      perSenderPerMinute: 6,
      burst: 3,
      totalPerSecond: 100,
      maxSenders: 100,
      now: () => now,
      ...overrides,
    });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a burst through, then one trap per sender every 10 s at 6 a minute', () => {
    const l = limiter();
    expect([1, 2, 3, 4].map(() => l.admit('127.0.0.2'))).toEqual([true, true, true, false]);
    now += 9_000;
    expect(l.admit('127.0.0.2')).toBe(false);
    now += 1_000;
    expect(l.admit('127.0.0.2')).toBe(true);
    expect(l.admit('127.0.0.2')).toBe(false);
  });

  it('keeps senders apart', () => {
    const l = limiter({ burst: 1 });
    expect(l.admit('127.0.0.2')).toBe(true);
    expect(l.admit('127.0.0.2')).toBe(false);
    expect(l.admit('127.0.0.3')).toBe(true);
  });

  it('caps all senders together', () => {
    const l = limiter({ totalPerSecond: 5 });
    const admitted = Array.from({ length: 20 }, (_, i) => l.admit(`127.0.1.${i}`)).filter(Boolean);
    expect(admitted).toHaveLength(5);
    now += 1_000;
    expect(l.admit('127.0.2.1')).toBe(true);
  });

  it('tracks at most maxSenders, forgetting quiet ones to make room', () => {
    const l = limiter({ maxSenders: 2, burst: 1 });
    expect(l.admit('127.0.0.2')).toBe(true);
    expect(l.admit('127.0.0.3')).toBe(true);
    expect(l.admit('127.0.0.4')).toBe(false);
    now += 10_000;
    expect(l.admit('127.0.0.4')).toBe(true);
  });
});
