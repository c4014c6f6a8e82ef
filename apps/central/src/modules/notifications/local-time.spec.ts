import { instantOfLocal, latestLocalHour, localParts, quietHoursRelease } from './local-time.js';

describe('local time for quiet hours and digests', () => {
  it('reads the wall clock in a zone, summer and winter', () => {
    expect(localParts(new Date('2026-07-01T12:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      minuteOfDay: 14 * 60 + 30,
    });
    expect(localParts(new Date('2026-01-01T00:10:00Z'), 'America/New_York').minuteOfDay).toBe(
      19 * 60 + 10,
    );
  });

  it('finds the instant of a local minute, across a DST change', () => {
    expect(
      instantOfLocal({ year: 2026, month: 3, day: 29 }, 6 * 60, 'Europe/Berlin').toISOString(),
    ).toBe('2026-03-29T04:00:00.000Z');
    expect(
      instantOfLocal({ year: 2026, month: 3, day: 28 }, 6 * 60, 'Europe/Berlin').toISOString(),
    ).toBe('2026-03-28T05:00:00.000Z');
  });

  it('holds a message inside quiet hours until they end, spanning midnight', () => {
    const quiet = { startMinute: 22 * 60, endMinute: 6 * 60 };
    // 23:30 Berlin (CET) → 06:00 the next morning.
    expect(
      quietHoursRelease(new Date('2026-01-10T22:30:00Z'), quiet, 'Europe/Berlin').toISOString(),
    ).toBe('2026-01-11T05:00:00.000Z');
    // 02:00 Berlin → 06:00 the same morning.
    expect(
      quietHoursRelease(new Date('2026-01-11T01:00:00Z'), quiet, 'Europe/Berlin').toISOString(),
    ).toBe('2026-01-11T05:00:00.000Z');
    // 12:00 Berlin: not quiet.
    const noon = new Date('2026-01-11T11:00:00Z');
    expect(quietHoursRelease(noon, quiet, 'Europe/Berlin')).toBe(noon);
  });

  it('holds within a daytime window and lets the end minute through', () => {
    const quiet = { startMinute: 12 * 60, endMinute: 13 * 60 };
    expect(quietHoursRelease(new Date('2026-01-11T12:15:00Z'), quiet, 'UTC').toISOString()).toBe(
      '2026-01-11T13:00:00.000Z',
    );
    const end = new Date('2026-01-11T13:00:00Z');
    expect(quietHoursRelease(end, quiet, 'UTC')).toBe(end);
  });

  it('finds the latest digest hour at or before now', () => {
    expect(latestLocalHour(new Date('2026-01-11T08:00:00Z'), 7, 'UTC').toISOString()).toBe(
      '2026-01-11T07:00:00.000Z',
    );
    expect(latestLocalHour(new Date('2026-01-11T06:59:00Z'), 7, 'UTC').toISOString()).toBe(
      '2026-01-10T07:00:00.000Z',
    );
    expect(
      latestLocalHour(new Date('2026-01-11T08:00:00Z'), 7, 'Europe/Berlin').toISOString(),
    ).toBe('2026-01-11T06:00:00.000Z');
  });
});
