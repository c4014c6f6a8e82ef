// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findDrops, toChartRows } from './counter-series';

describe('toChartRows', () => {
  it('orders reads by time and keeps gaps as null, never zero', () => {
    const rows = toChartRows(
      [
        { readAt: '2026-11-02T10:00:00Z', counters: { total: '1500', color: 400 } },
        { readAt: '2026-11-01T10:00:00Z', counters: { total: 1000 } },
      ],
      ['total', 'color'],
    );
    expect(rows).toEqual([
      { time: Date.parse('2026-11-01T10:00:00Z'), total: 1000, color: null },
      { time: Date.parse('2026-11-02T10:00:00Z'), total: 1500, color: 400 },
    ]);
  });

  it('drops unreadable timestamps and non-numeric values', () => {
    const rows = toChartRows(
      [
        { readAt: 'not a date', counters: { total: 1 } },
        { readAt: '2026-11-01T00:00:00Z', counters: { total: '12abc' } },
      ],
      ['total'],
    );
    expect(rows).toEqual([{ time: Date.parse('2026-11-01T00:00:00Z'), total: null }]);
  });
});

describe('findDrops', () => {
  it('finds a counter that went down, skipping gaps', () => {
    const rows = toChartRows(
      [
        { readAt: '2026-11-01T00:00:00Z', counters: { total: 90_000, mono: 50_000 } },
        { readAt: '2026-11-02T00:00:00Z', counters: { mono: 50_100 } },
        { readAt: '2026-11-03T00:00:00Z', counters: { total: 120, mono: 50_200 } },
        { readAt: '2026-11-04T00:00:00Z', counters: { total: 300, mono: 50_300 } },
      ],
      ['total', 'mono'],
    );
    expect(findDrops(rows, ['total', 'mono'])).toEqual([
      { counter: 'total', time: Date.parse('2026-11-03T00:00:00Z'), from: 90_000, to: 120 },
    ]);
  });

  it('finds nothing in a steadily rising series', () => {
    const rows = toChartRows(
      [1, 2, 3].map((day) => ({
        readAt: `2026-11-0${day}T00:00:00Z`,
        counters: { total: day * 100 },
      })),
      ['total'],
    );
    expect(findDrops(rows, ['total'])).toEqual([]);
  });
});
