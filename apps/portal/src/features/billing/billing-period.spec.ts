// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isValidPeriod, periodBounds, previousMonth } from './billing-period';

describe('billing period', () => {
  it('covers whole days: from the first midnight to the midnight after the last day', () => {
    // The test run is in UTC (TZ=UTC), so local midnight is UTC midnight here.
    expect(periodBounds({ fromDay: '2026-10-01', toDay: '2026-10-31' })).toEqual({
      from: new Date('2026-10-01T00:00:00').toISOString(),
      to: new Date('2026-11-01T00:00:00').toISOString(),
    });
  });

  it('defaults to the last complete month, also across a year end', () => {
    expect(previousMonth(new Date(2026, 10, 21))).toEqual({
      fromDay: '2026-10-01',
      toDay: '2026-10-31',
    });
    expect(previousMonth(new Date(2027, 0, 5))).toEqual({
      fromDay: '2026-12-01',
      toDay: '2026-12-31',
    });
    expect(previousMonth(new Date(2028, 2, 1))).toEqual({
      fromDay: '2028-02-01',
      toDay: '2028-02-29',
    });
  });

  it('refuses an end before the start', () => {
    expect(isValidPeriod({ fromDay: '2026-10-02', toDay: '2026-10-01' })).toBe(false);
    expect(isValidPeriod({ fromDay: '2026-10-01', toDay: '2026-10-01' })).toBe(true);
    expect(isValidPeriod({ fromDay: '', toDay: '2026-10-01' })).toBe(false);
  });
});
