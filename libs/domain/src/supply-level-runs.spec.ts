import { forecastSupply, type SupplySample } from './supply-forecast.js';
import { pollInterval, runEndpoints, unrollLevelRuns } from './supply-level-runs.js';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-03-02T00:00:00Z');
const hour = (n: number) => new Date(t0 + n * HOUR);

type Run = { readAt: Date; lastSeenAt: Date | null; percent: number | null };

/** What storage keeps of hourly readings: a run per change, as ingest writes them. */
function runsOf(readings: readonly { at: Date; percent: number | null }[]): Run[] {
  const runs: Run[] = [];
  for (const reading of readings) {
    const last = runs.at(-1);
    if (last && last.percent === reading.percent) last.lastSeenAt = reading.at;
    else runs.push({ readAt: reading.at, lastSeenAt: null, percent: reading.percent });
  }
  return runs;
}

/** Flat at 80 % for ten days (nights, a holiday), then office hours eat 1 point every 5 hours. */
function flatThenFalling(): { at: Date; percent: number }[] {
  const readings: { at: Date; percent: number }[] = [];
  let percent = 80;
  let used = 0;
  for (let n = 0; n < 40 * 24; n += 1) {
    const at = hour(n);
    const office = n >= 10 * 24 && at.getUTCHours() >= 7 && at.getUTCHours() < 17;
    if (office && ++used % 5 === 0) percent -= 1;
    readings.push({ at, percent });
  }
  return readings;
}

const samples = (readings: readonly { at: Date; percent: number | null }[]): SupplySample[] =>
  readings.map((reading) => ({ at: reading.at, percent: reading.percent }));

describe('unrollLevelRuns', () => {
  it('gives back every hourly reading of a flat-then-falling series from its runs', () => {
    const readings = flatThenFalling();
    const runs = runsOf(readings);
    expect(runs.length).toBeLessThan(readings.length / 5);
    const unrolled = unrollLevelRuns(runs).map(({ at, run }) => ({ at, percent: run.percent }));
    expect(unrolled).toEqual(readings);
  });

  it('so the forecast over the runs is the forecast over every reading', () => {
    const readings = flatThenFalling();
    const now = hour(40 * 24);
    const unrolled = unrollLevelRuns(runsOf(readings));
    const fromRuns = forecastSupply(
      unrolled.map(({ at, run }) => ({ at, percent: run.percent })),
      { now },
    );
    const fromEvery = forecastSupply(samples(readings), { now });
    expect(fromEvery.kind).toBe('forecast');
    expect(fromRuns).toEqual(fromEvery);
    // With only each run's first reading the flat days would pull the rate down: not the same.
    const firstOnly = forecastSupply(
      runsOf(readings).map((run) => ({ at: run.readAt, percent: run.percent })),
      { now },
    );
    expect(firstOnly).not.toEqual(fromEvery);
  });

  it('starts at `from` and stops after `limit` readings, oldest first', () => {
    const runs = runsOf(flatThenFalling());
    const unrolled = unrollLevelRuns(runs, { from: hour(5), limit: 3 });
    expect(unrolled.map(({ at }) => at)).toEqual([hour(5), hour(6), hour(7)]);
  });

  it('keeps a run of one reading as one reading, and two runs without a gap as their ends', () => {
    expect(unrollLevelRuns([{ readAt: hour(1), lastSeenAt: null }])).toHaveLength(1);
    const lone = { readAt: hour(0), lastSeenAt: hour(30) };
    expect(unrollLevelRuns([lone]).map(({ at }) => at)).toEqual([hour(0), hour(30)]);
  });

  it('spreads a run evenly when polls drift by a few seconds', () => {
    const runs = [
      { readAt: hour(0), lastSeenAt: new Date(t0 + 3 * HOUR + 4_000) },
      { readAt: new Date(t0 + 4 * HOUR + 5_000), lastSeenAt: null },
    ];
    expect(pollInterval(runs)).toBe(HOUR + 1_000);
    expect(unrollLevelRuns(runs)).toHaveLength(5);
  });
});

describe('runEndpoints', () => {
  it('gives each run its last and first reading, newest first, before `before`', () => {
    const runs = [
      { readAt: hour(10), lastSeenAt: hour(12) },
      { readAt: hour(9), lastSeenAt: null },
      { readAt: hour(2), lastSeenAt: hour(8) },
    ];
    expect(runEndpoints(runs, null).map(({ at }) => at)).toEqual([
      hour(12),
      hour(10),
      hour(9),
      hour(8),
      hour(2),
    ]);
    expect(runEndpoints(runs, hour(11)).map(({ at }) => at)).toEqual([
      hour(10),
      hour(9),
      hour(8),
      hour(2),
    ]);
  });
});
