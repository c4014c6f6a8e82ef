import {
  classifyReadingTime,
  clockOffsetSeconds,
  readingTimeBounds,
  type ReadingTimeLimits,
} from './reading-time.js';

const receivedAt = new Date('2026-12-07T12:00:00.000Z');
const limits: ReadingTimeLimits = { maxFutureSeconds: 300, maxAgeDays: 30 };
const bounds = readingTimeBounds(receivedAt, limits);
const classify = (iso: string) => classifyReadingTime(new Date(iso), bounds);

describe('readingTimeBounds', () => {
  it('places the limits around the receive time', () => {
    expect(bounds).toEqual({
      refusedAfter: new Date('2026-12-07T12:05:00.000Z'),
      historyBefore: new Date('2026-11-07T12:00:00.000Z'),
    });
  });
});

describe('classifyReadingTime', () => {
  it('accepts readings up to the skew ahead and up to the age behind', () => {
    expect(classify('2026-12-07T12:00:00.000Z')).toBe('current');
    expect(classify('2026-12-07T12:05:00.000Z')).toBe('current');
    expect(classify('2026-11-07T12:00:00.000Z')).toBe('current');
  });

  it('refuses readings beyond the skew in the future', () => {
    expect(classify('2026-12-07T12:05:00.001Z')).toBe('refused');
    expect(classify('2100-01-01T00:00:00.000Z')).toBe('refused');
  });

  it('keeps readings older than the age as history only', () => {
    expect(classify('2026-11-07T11:59:59.999Z')).toBe('history');
    expect(classify('1971-01-01T00:00:00.000Z')).toBe('history');
  });

  it('refuses an unreadable time', () => {
    expect(classifyReadingTime(new Date('not a date'), bounds)).toBe('refused');
  });

  it('refuses everything ahead when no skew is allowed', () => {
    const strict = readingTimeBounds(receivedAt, { maxFutureSeconds: 0, maxAgeDays: 1 });
    expect(classifyReadingTime(new Date('2026-12-07T12:00:00.001Z'), strict)).toBe('refused');
    expect(classifyReadingTime(receivedAt, strict)).toBe('current');
  });
});

describe('clockOffsetSeconds', () => {
  it('is the agent clock minus central clock, rounded to seconds', () => {
    expect(clockOffsetSeconds(new Date('2026-12-07T12:01:14.600Z'), receivedAt)).toBe(75);
    expect(clockOffsetSeconds(new Date('2026-12-07T11:59:00.000Z'), receivedAt)).toBe(-60);
    expect(clockOffsetSeconds(new Date('nope'), receivedAt)).toBeNull();
  });
});
