import {
  baselineCounters,
  cleanCounters,
  counterDelta,
  decideReading,
  detectRollbacks,
  sameCounters,
} from './meter-readings.js';

const at = (iso: string) => new Date(iso);

describe('cleanCounters', () => {
  it('keeps non-negative safe integers only', () => {
    expect(
      cleanCounters({
        total: 10,
        mono: -1,
        color: 1.5,
        big: 2 ** 53,
        text: '7',
        zero: 0,
        nan: Number.NaN,
      }),
    ).toEqual({ total: 10, zero: 0 });
  });
});

describe('sameCounters', () => {
  it('is true for equal values whatever the key order', () => {
    expect(sameCounters({ total: 1, mono: 2 }, { mono: 2, total: 1 })).toBe(true);
  });
  it('is false when a value or the counter set differs', () => {
    expect(sameCounters({ total: 1 }, { total: 2 })).toBe(false);
    expect(sameCounters({ total: 1 }, { total: 1, mono: 0 })).toBe(false);
    expect(sameCounters({ total: 1, mono: 0 }, { total: 1, color: 0 })).toBe(false);
  });
});

describe('detectRollbacks', () => {
  it('reports each counter that went down, sorted by name', () => {
    expect(
      detectRollbacks({ total: 1000, mono: 800, color: 200 }, { total: 10, mono: 900, color: 5 }),
    ).toEqual([
      { counter: 'color', before: 200, after: 5 },
      { counter: 'total', before: 1000, after: 10 },
    ]);
  });
  it('ignores counters present on one side only and counters that stayed', () => {
    expect(detectRollbacks({ total: 1000, fax: 5 }, { total: 1000, scan: 0 })).toEqual([]);
  });
});

describe('counterDelta', () => {
  it('is the difference when the counter grew or stayed', () => {
    expect(counterDelta(100, 250)).toEqual({ kind: 'delta', delta: 150 });
    expect(counterDelta(100, 100)).toEqual({ kind: 'delta', delta: 0 });
  });
  it('never goes negative: a drop is a rollback', () => {
    expect(counterDelta(100, 40)).toEqual({ kind: 'rollback', before: 100, after: 40 });
  });
  it('is missing when either end has no value', () => {
    expect(counterDelta(undefined, 5)).toEqual({ kind: 'missing' });
    expect(counterDelta(5, undefined)).toEqual({ kind: 'missing' });
  });
});

describe('decideReading', () => {
  const latest = { readAt: at('2026-01-01T10:00:00Z'), counters: { total: 1000, mono: 700 } };

  it('stores the first reading of a device', () => {
    expect(
      decideReading(null, { readAt: at('2026-01-01T00:00:00Z'), counters: { total: 1 } }),
    ).toEqual({ kind: 'store', rollbacks: [] });
  });
  it('does not store an identical reading again', () => {
    expect(
      decideReading(latest, {
        readAt: at('2026-01-01T11:00:00Z'),
        counters: { mono: 700, total: 1000 },
      }),
    ).toEqual({ kind: 'identical' });
  });
  it('stores a changed reading without rollbacks', () => {
    expect(
      decideReading(latest, {
        readAt: at('2026-01-01T11:00:00Z'),
        counters: { total: 1010, mono: 705 },
      }),
    ).toEqual({ kind: 'store', rollbacks: [] });
  });
  it('stores a reading whose counter went down and reports the rollback', () => {
    expect(
      decideReading(latest, {
        readAt: at('2026-01-01T11:00:00Z'),
        counters: { total: 12, mono: 8 },
      }),
    ).toEqual({
      kind: 'store',
      rollbacks: [
        { counter: 'mono', before: 700, after: 8 },
        { counter: 'total', before: 1000, after: 12 },
      ],
    });
  });
  it('compares against the baseline, not a rejected glitch value', () => {
    const glitch = {
      readAt: latest.readAt,
      counters: { total: 3, mono: 700 },
      baseline: { total: 1000, mono: 700 },
    };
    expect(
      decideReading(glitch, {
        readAt: at('2026-01-01T11:00:00Z'),
        counters: { total: 1005, mono: 702 },
      }),
    ).toEqual({ kind: 'store', rollbacks: [] });
    expect(
      decideReading(glitch, {
        readAt: at('2026-01-01T11:00:00Z'),
        counters: { total: 900, mono: 702 },
      }),
    ).toEqual({
      kind: 'store',
      rollbacks: [{ counter: 'total', before: 1000, after: 900 }],
    });
  });
  it('flags older readings as out of order and same-instant different values as a conflict', () => {
    expect(
      decideReading(latest, { readAt: at('2026-01-01T09:00:00Z'), counters: { total: 990 } }),
    ).toEqual({ kind: 'out-of-order' });
    expect(
      decideReading(latest, { readAt: latest.readAt, counters: { total: 1001, mono: 700 } }),
    ).toEqual({ kind: 'conflict' });
  });
});

describe('baselineCounters', () => {
  it('replaces rejected values with the value before them', () => {
    expect(
      baselineCounters({ total: 3, mono: 700 }, [{ counter: 'total', beforeValue: 1000 }]),
    ).toEqual({ total: 1000, mono: 700 });
  });
});
