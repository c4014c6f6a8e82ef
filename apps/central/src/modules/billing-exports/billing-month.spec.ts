import { exportFileName, previousMonth } from './billing-month.js';

describe('previousMonth', () => {
  it('is the calendar month before, in UTC, across a year end', () => {
    expect(previousMonth(new Date('2027-01-03T10:00:00Z'))).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    expect(previousMonth(new Date('2026-03-01T00:00:00Z')).from).toEqual(
      new Date('2026-02-01T00:00:00Z'),
    );
  });
});

describe('exportFileName', () => {
  it('names a whole month by the month, any other period by its days', () => {
    expect(
      exportFileName({
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-12-01T00:00:00Z'),
      }),
    ).toBe('billing-2026-11.csv');
    expect(
      exportFileName({
        from: new Date('2026-11-03T00:00:00Z'),
        to: new Date('2026-12-01T00:00:00Z'),
      }),
    ).toBe('billing-2026-11-03-2026-12-01.csv');
  });
});
