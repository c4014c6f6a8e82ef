// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { timeAxis, valueAxis } from './chart-axes';

const at = (iso: string) => Date.parse(iso);

describe('timeAxis', () => {
  it('gives a day or less HH:MM ticks on whole hours inside the range', () => {
    const axis = timeAxis(at('2026-11-02T08:20:00Z'), at('2026-11-03T07:50:00Z'));
    expect(axis.unit).toBe('time');
    expect(axis.ticks.map(axis.format)).toEqual([
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
      '00:00',
      '03:00',
      '06:00',
    ]);
    for (const tick of axis.ticks) {
      expect(tick).toBeGreaterThanOrEqual(axis.domain[0]);
      expect(tick).toBeLessThanOrEqual(axis.domain[1]);
    }
  });

  it('gives a month date ticks on midnights, weekly', () => {
    const axis = timeAxis(at('2026-10-01T08:00:00Z'), at('2026-10-31T08:00:00Z'));
    expect(axis.unit).toBe('date');
    expect(axis.ticks.map(axis.format)).toEqual(['Oct 2', 'Oct 9', 'Oct 16', 'Oct 23', 'Oct 30']);
    for (const tick of axis.ticks) expect(new Date(tick).toISOString()).toMatch(/T00:00:00\.000Z$/);
  });

  it('adds the year to a range of months across New Year', () => {
    const axis = timeAxis(at('2026-01-05T00:00:00Z'), at('2027-01-04T00:00:00Z'));
    expect(axis.unit).toBe('date');
    expect(axis.ticks.length).toBeLessThanOrEqual(8);
    expect(axis.format(axis.ticks[0]!)).toBe('Jan 2026');
  });

  it('widens a single reading to an hour so it has a tick', () => {
    const axis = timeAxis(at('2026-11-02T08:20:00Z'), at('2026-11-02T08:20:00Z'));
    expect(axis.domain[1] - axis.domain[0]).toBe(3_600_000);
    expect(axis.ticks.map(axis.format)).toEqual(['08:00']);
  });

  it('has no ticks without data', () => {
    expect(timeAxis(Infinity, -Infinity).ticks).toEqual([]);
  });
});

describe('valueAxis', () => {
  it('fits a counter in the millions to its movement, on round steps', () => {
    const axis = valueAxis([1_234_567, 1_235_300, 1_236_890]);
    expect(axis.domain).toEqual([1_234_500, 1_237_000]);
    expect(axis.ticks).toEqual([1_234_500, 1_235_000, 1_235_500, 1_236_000, 1_236_500, 1_237_000]);
  });

  it('starts at zero when asked (percentages, pages per day)', () => {
    expect(valueAxis([12, 95], { zeroBased: true })).toEqual({
      domain: [0, 100],
      ticks: [0, 20, 40, 60, 80, 100],
    });
  });

  it('brackets a counter that did not move instead of dropping to zero', () => {
    const axis = valueAxis([1_234_567, 1_234_567]);
    expect(axis.domain[0]).toBeGreaterThan(1_230_000);
    expect(axis.domain[0]).toBeLessThanOrEqual(1_234_567);
    expect(axis.domain[1]).toBeGreaterThan(1_234_567);
  });

  it('ignores gaps and has a unit range without data', () => {
    expect(valueAxis([NaN, 5, 7]).domain).toEqual([5, 7]);
    expect(valueAxis([])).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});
