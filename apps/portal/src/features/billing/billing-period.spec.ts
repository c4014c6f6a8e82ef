// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isValidPeriod, periodBounds, periodWithData, previousMonth } from './billing-period';

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

  it('opens on a period with data: the last month when read in it, else the newest reading’s month', () => {
    const today = new Date(2026, 11, 7, 9, 0);
    const span = (first: string, last: string) => ({ firstReadAt: first, lastReadAt: last });
    // Read only since this month: this month so far, not an empty November.
    expect(periodWithData(span('2026-12-07T08:00:00Z', '2026-12-07T08:55:00Z'), today)).toEqual({
      fromDay: '2026-12-01',
      toDay: '2026-12-07',
    });
    // Read through November: the last complete month, as dealers bill.
    expect(periodWithData(span('2026-10-03T00:00:00Z', '2026-12-07T08:00:00Z'), today)).toEqual({
      fromDay: '2026-11-01',
      toDay: '2026-11-30',
    });
    // A fleet silent since the summer: the month of its last reading.
    expect(periodWithData(span('2026-05-03T00:00:00Z', '2026-07-19T10:00:00Z'), today)).toEqual({
      fromDay: '2026-07-01',
      toDay: '2026-07-31',
    });
    expect(periodWithData(span('', ''), today)).toEqual(previousMonth(today));
    expect(periodWithData(null, today)).toEqual(previousMonth(today));
  });

  it('refuses an end before the start', () => {
    expect(isValidPeriod({ fromDay: '2026-10-02', toDay: '2026-10-01' })).toBe(false);
    expect(isValidPeriod({ fromDay: '2026-10-01', toDay: '2026-10-01' })).toBe(true);
    expect(isValidPeriod({ fromDay: '', toDay: '2026-10-01' })).toBe(false);
  });
});
