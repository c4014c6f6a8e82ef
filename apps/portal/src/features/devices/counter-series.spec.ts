// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  findDrops,
  pagesPerDay,
  toChartRows,
  type CounterDiscontinuity,
  type CounterReading,
} from './counter-series';

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

describe('pagesPerDay', () => {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  // A board swap on the 3rd: the total restarts near zero.
  const reads: CounterReading[] = [
    { readAt: '2026-11-01T10:00:00Z', counters: { total: 1000 } },
    { readAt: '2026-11-01T18:00:00Z', counters: { total: 1040 } },
    { readAt: '2026-11-02T10:00:00Z', counters: { total: 1500 } },
    { readAt: '2026-11-03T10:00:00Z', counters: { total: 200 } },
    {
      readAt: '2026-11-04T10:00:00Z',
      lastSeenAt: '2026-11-05T09:00:00Z',
      counters: { total: 700 },
    },
  ];
  const reset = (fields: Partial<CounterDiscontinuity>): CounterDiscontinuity => ({
    counter: 'total',
    status: 'ACCEPTED_RESET',
    beforeValue: 1500,
    afterValue: 200,
    offset: null,
    afterReadAt: '2026-11-03T10:00:00Z',
    ...fields,
  });
  const pages = (drops: CounterDiscontinuity[]) =>
    pagesPerDay(reads, ['total'], drops).map((row) => [
      new Date(row.day).toISOString().slice(0, 10),
      row.pages['total'],
    ]);

  it('counts a reviewed reset across the drop, by the billing usage rules', () => {
    const days = pagesPerDay(reads, ['total'], [reset({})]);
    expect(days.map((row) => row.day)).toEqual(
      ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'].map(day),
    );
    expect(days.map((row) => row.pages['total'])).toEqual([40, 460, 200, 500, 0]);
    expect(days[0]!.flags['total']).toEqual(['MISSING_START']);
    expect(days[2]!.flags['total']).toEqual(['ROLLBACK_REVIEWED']);
  });

  it('uses the offset a reviewer gave for the pages across the swap', () => {
    expect(pages([reset({ offset: 260 })])[2]).toEqual(['2026-11-03', 260]);
  });

  it('withholds the day of an unreviewed drop, recorded or not, and no other', () => {
    for (const drops of [[reset({ status: 'OPEN' })], []]) {
      const days = pagesPerDay(reads, ['total'], drops);
      expect(days.map((row) => row.pages['total'])).toEqual([40, 460, null, 500, 0]);
      expect(days[2]!.flags['total']).toContain('ROLLBACK_OPEN');
    }
  });

  it('ignores a reading rejected as a bad read', () => {
    const glitch: CounterReading[] = [
      { readAt: '2026-11-01T10:00:00Z', counters: { total: 1000 } },
      { readAt: '2026-11-02T10:00:00Z', counters: { total: 3 } },
      { readAt: '2026-11-03T10:00:00Z', counters: { total: 1300 } },
    ];
    const drop = reset({
      status: 'REJECTED',
      beforeValue: 1000,
      afterValue: 3,
      afterReadAt: '2026-11-02T10:00:00Z',
    });
    expect(pagesPerDay(glitch, ['total'], [drop]).map((row) => row.pages['total'])).toEqual([
      0, 0, 300,
    ]);
  });

  it('keeps counters apart and has no days without reads', () => {
    expect(
      pagesPerDay(
        [
          { readAt: '2026-11-01T10:00:00Z', counters: { total: 10, color: 4 } },
          { readAt: '2026-11-02T10:00:00Z', counters: { total: 30, color: 5 } },
        ],
        ['total', 'color'],
        [reset({ counter: 'color', status: 'OPEN', afterReadAt: '2026-11-02T10:00:00Z' })],
      ).map((row) => row.pages),
    ).toEqual([
      { total: 0, color: 0 },
      { total: 20, color: null },
    ]);
    expect(pagesPerDay([], ['total'], [])).toEqual([]);
  });
});
