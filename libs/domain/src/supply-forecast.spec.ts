import { forecastSupply, isRefill, leastSquares, type SupplySample } from './supply-forecast.js';

const DAY = 86_400_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');
const day = (n: number) => new Date(t0 + n * DAY);

/** Daily samples of a supply used at `rate` %/day from `start`, transformed by `shape`. */
function series(
  days: number,
  start: number,
  rate: number,
  shape: (exact: number, i: number) => number | null = (x) => x,
): SupplySample[] {
  return Array.from({ length: days }, (_, i) => ({
    at: day(i),
    percent: shape(Math.max(0, start - rate * i), i),
  }));
}

// Deterministic noise (no Math.random in tests).
function noise(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return (x - Math.floor(x) - 0.5) * 2; // -1..1
}

describe('isRefill', () => {
  it('is a jump of 30 points or more', () => {
    expect(isRefill(10, 40)).toBe(true);
    expect(isRefill(10, 39)).toBe(false);
  });
  it('is a rise of 10+ points ending at 90 % or more', () => {
    expect(isRefill(75, 92)).toBe(true);
    expect(isRefill(85, 92)).toBe(false);
  });
  it('a shaken cartridge (small rise) is no refill', () => {
    expect(isRefill(8, 14)).toBe(false);
  });
});

describe('leastSquares', () => {
  it('fits a line exactly', () => {
    const fit = leastSquares([
      [0, 10],
      [1, 8],
      [2, 6],
    ]);
    expect(fit.slope).toBeCloseTo(-2, 10);
    expect(fit.intercept).toBeCloseTo(10, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });
});

describe('forecastSupply', () => {
  it('forecasts a clean linear depletion exactly, with high confidence', () => {
    const forecast = forecastSupply(series(21, 80, 2));
    // day 20: 40 % left at 2 %/day → 20 days.
    expect(forecast).toMatchObject({ kind: 'forecast', confidence: 'HIGH', samples: 21, step: 2 });
    if (forecast.kind !== 'forecast') throw new Error('no forecast');
    expect(forecast.daysToEmpty).toBeCloseTo(20, 6);
    expect(forecast.percentPerDay).toBeCloseTo(2, 6);
    expect(forecast.emptyAt.toISOString()).toBe(day(40).toISOString());
  });

  it('counts days from `now` when given', () => {
    const forecast = forecastSupply(series(21, 80, 2), { now: day(25) });
    expect(forecast.kind === 'forecast' && forecast.daysToEmpty).toBeCloseTo(15, 6);
  });

  it('stays close on noisy levels (±1 point)', () => {
    const forecast = forecastSupply(series(30, 90, 1.5, (x, i) => Math.round(x + noise(i))));
    if (forecast.kind !== 'forecast') throw new Error('no forecast');
    // truth: day 29 → 46.5 % at 1.5 %/day = 31 days
    expect(forecast.daysToEmpty).toBeGreaterThan(28);
    expect(forecast.daysToEmpty).toBeLessThan(34);
    expect(forecast.confidence).toBe('HIGH');
  });

  it('handles 10 % steps without a crazy forecast and knows the step', () => {
    // truth 1 %/day from 95 %: the device reports floor to 10 % steps.
    const forecast = forecastSupply(series(40, 95, 1, (x) => Math.floor(x / 10) * 10));
    if (forecast.kind !== 'forecast') throw new Error('no forecast');
    expect(forecast.step).toBe(10);
    expect(forecast.percentPerDay).toBeGreaterThan(0.85);
    expect(forecast.percentPerDay).toBeLessThan(1.15);
    // truth on day 39: 56 % → 56 days; the bucket says 50 %.
    expect(forecast.daysToEmpty).toBeGreaterThan(45);
    expect(forecast.daysToEmpty).toBeLessThan(66);
    expect(forecast.confidence).not.toBe('LOW');
  });

  it('one 10 % step seen is not enough to trust', () => {
    const forecast = forecastSupply(series(12, 95, 1, (x) => Math.floor(x / 10) * 10));
    expect(forecast.kind === 'forecast' && forecast.confidence).toBe('LOW');
  });

  it('has not enough history while a coarse level has not moved', () => {
    expect(forecastSupply(series(5, 60, 0.5, () => 60))).toEqual({
      kind: 'none',
      reason: 'NOT_ENOUGH_HISTORY',
      currentPercent: 60,
      samples: 5,
    });
  });

  it('has not enough history from minutes of steep readings (a fresh start)', () => {
    // 67 % → 63 % in 40 minutes would be "empty in 0.4 days".
    const minutes = Array.from({ length: 9 }, (_, i) => ({
      at: new Date(t0 + i * 5 * 60_000),
      percent: 67 - 0.5 * i,
    }));
    expect(forecastSupply(minutes)).toMatchObject({
      kind: 'none',
      reason: 'NOT_ENOUGH_HISTORY',
      currentPercent: 63,
    });
  });

  it('has not enough history under a day even with much consumed', () => {
    const hours = Array.from({ length: 23 }, (_, i) => ({
      at: new Date(t0 + i * 3_600_000),
      percent: 90 - 2 * i,
    }));
    expect(forecastSupply(hours)).toMatchObject({ kind: 'none', reason: 'NOT_ENOUGH_HISTORY' });
    expect(forecastSupply(hours, { minSpanHours: 12 })).toMatchObject({ kind: 'forecast' });
  });

  it('has not enough history when less than 5 points were used in days', () => {
    // 4 points in 4 days of a fine level: a real drop, but rounding could be half of it.
    expect(forecastSupply(series(5, 60, 1))).toMatchObject({
      kind: 'none',
      reason: 'NOT_ENOUGH_HISTORY',
    });
    expect(forecastSupply(series(6, 60, 1))).toMatchObject({ kind: 'forecast' });
  });

  it('forecasts from days of steady use, in hours when under a day', () => {
    // 3 days at 8 %/day from 30 %: 6 % left at day 3 → 0.75 days (18 hours).
    const forecast = forecastSupply(series(4, 30, 8));
    expect(forecast).toMatchObject({ kind: 'forecast' });
    expect(forecast.kind === 'forecast' && forecast.daysToEmpty).toBeCloseTo(0.75, 6);
  });

  it('skips "some remaining" / unknown samples (percent null)', () => {
    const forecast = forecastSupply(series(21, 80, 2, (x, i) => (i % 3 === 1 ? null : x)));
    expect(forecast.kind === 'forecast' && forecast.daysToEmpty).toBeCloseTo(20, 6);
    expect(forecastSupply(series(5, 80, 2, () => null))).toEqual({
      kind: 'none',
      reason: 'NOT_MEASURABLE',
      currentPercent: null,
      samples: 0,
    });
  });

  it('uses only the segment since the last refill', () => {
    const before = series(10, 40, 3); // 40 → 13
    const after = Array.from({ length: 11 }, (_, i) => ({ at: day(10 + i), percent: 100 - 5 * i })); // 100 → 50
    const forecast = forecastSupply([...before, ...after]);
    if (forecast.kind !== 'forecast') throw new Error('no forecast');
    expect(forecast.since.toISOString()).toBe(day(10).toISOString());
    expect(forecast.percentPerDay).toBeCloseTo(5, 6);
    expect(forecast.daysToEmpty).toBeCloseTo(10, 6);
  });

  it('a shaken cartridge (small rise) does not restart the segment', () => {
    const samples = series(20, 60, 2);
    samples[12] = { at: day(12), percent: 41 }; // truth 36, shaken up by 5
    const forecast = forecastSupply(samples);
    if (forecast.kind !== 'forecast') throw new Error('no forecast');
    expect(forecast.since.toISOString()).toBe(day(0).toISOString());
    expect(forecast.percentPerDay).toBeGreaterThan(1.8);
  });

  it('drops a single bad read instead of taking it for a refill', () => {
    const samples = series(20, 60, 1);
    samples[10] = { at: day(10), percent: 0 };
    samples[11] = { at: day(11), percent: 49 };
    const forecast = forecastSupply(samples);
    if (forecast.kind !== 'forecast') throw new Error('no forecast');
    expect(forecast.since.toISOString()).toBe(day(0).toISOString());
    expect(forecast.percentPerDay).toBeCloseTo(1, 1);
  });

  it('no forecast when the level is flat-with-noise or rising', () => {
    expect(
      forecastSupply(series(10, 50, -0.5)).kind === 'none' && forecastSupply(series(10, 50, -0.5)),
    ).toMatchObject({ reason: 'NO_CONSUMPTION' });
    const flat = forecastSupply(series(30, 50, 0, (x, i) => x + (i % 2)));
    expect(flat).toMatchObject({ kind: 'none', reason: 'NO_CONSUMPTION' });
  });

  it('no forecast when it would take years', () => {
    expect(forecastSupply(series(30, 90, 0.05))).toMatchObject({
      kind: 'none',
      reason: 'NO_CONSUMPTION',
    });
  });

  it('no data without samples', () => {
    expect(forecastSupply([])).toMatchObject({ kind: 'none', reason: 'NO_DATA' });
  });

  it('too few samples', () => {
    expect(forecastSupply([{ at: day(0), percent: 50 }])).toMatchObject({
      kind: 'none',
      reason: 'TOO_FEW_SAMPLES',
      samples: 1,
    });
  });

  it('an empty supply is empty now', () => {
    expect(forecastSupply(series(5, 8, 2))).toMatchObject({
      kind: 'forecast',
      daysToEmpty: 0,
      currentPercent: 0,
    });
  });

  it('gives pages to empty when page counters are given', () => {
    // 1,000 pages a day, 2 % per 1,000 pages.
    const samples = series(15, 70, 2).map((sample, i) => ({ ...sample, pages: 50_000 + 1000 * i }));
    const forecast = forecastSupply(samples);
    if (forecast.kind !== 'forecast') throw new Error('no forecast');
    expect(forecast.percentPer1000Pages).toBeCloseTo(2, 6);
    expect(forecast.pagesToEmpty).toBe(21_000); // 42 % left
  });

  it('extrapolating far beyond the observed span lowers the confidence', () => {
    const forecast = forecastSupply(series(3, 90, 2).concat([{ at: day(3), percent: 84 }]));
    expect(forecast.kind === 'forecast' && forecast.confidence).toBe('LOW');
  });

  it('ignores samples older than the window', () => {
    const old = Array.from({ length: 10 }, (_, i) => ({ at: day(i), percent: 95 - 0.2 * i }));
    const recent = Array.from({ length: 11 }, (_, i) => ({
      at: day(100 + i),
      percent: 60 - 2 * i,
    }));
    const forecast = forecastSupply([...old, ...recent], { windowDays: 30 });
    expect(forecast.kind === 'forecast' && forecast.percentPerDay).toBeCloseTo(2, 6);
  });
});
