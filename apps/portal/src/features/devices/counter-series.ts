import {
  usageBetween,
  type CounterPoint,
  type UsageDiscontinuity,
  type UsageFlag,
} from '@printbeat/domain';
import { nextLocalDay, startOfLocalDay } from './chart-axes';

/** One meter read as the chart needs it: when, and counter name → value. */
export type CounterReading = {
  readAt: string;
  /** When the device last reported these same values (central stores a read only on change). */
  lastSeenAt?: string;
  counters: Readonly<Record<string, number | string | null | undefined>>;
};

export type ChartRow = { time: number } & Record<string, number | null>;

export type CounterDrop = { counter: string; time: number; from: number; to: number };

/** Counters may arrive as numbers or digit strings (BigInt-safe scalars); anything else is a gap. */
export function numeric(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

/** Rows for the chart, oldest first; a counter missing from a read is a gap, not a zero. */
export function toChartRows(
  reads: readonly CounterReading[],
  counters: readonly string[],
): ChartRow[] {
  return [...reads]
    .map((read) => ({ read, time: Date.parse(read.readAt) }))
    .filter(({ time }) => Number.isFinite(time))
    .sort((a, b) => a.time - b.time)
    .map(({ read, time }) => {
      const row: ChartRow = { time };
      for (const counter of counters) row[counter] = numeric(read.counters[counter]);
      return row;
    });
}

/**
 * Where a counter went down between consecutive reads (board swap, replacement, bad read):
 * shown on the chart so nobody bills across it without looking.
 */
export function findDrops(rows: readonly ChartRow[], counters: readonly string[]): CounterDrop[] {
  const drops: CounterDrop[] = [];
  for (const counter of counters) {
    let previous: number | null = null;
    for (const row of rows) {
      const value = row[counter] ?? null;
      if (value === null) continue;
      if (previous !== null && value < previous)
        drops.push({ counter, time: row.time, from: previous, to: value });
      previous = value;
    }
  }
  return drops.sort((a, b) => a.time - b.time);
}

/** A counter drop as central records it (the meterDiscontinuities query). */
export type CounterDiscontinuity = {
  counter: string;
  status: UsageDiscontinuity['status'];
  beforeValue: number;
  afterValue: number;
  offset: number | null;
  afterReadAt: string;
};

/** One local day: pages per counter (null: not known, see `flags`). */
export type DailyUsage = {
  day: number;
  pages: Record<string, number | null>;
  flags: Record<string, UsageFlag[]>;
};

/**
 * Pages per local day and counter, by the billing usage rules (`usageBetween`): a day's pages
 * are the growth from the last read before it to its last read; a reviewed reset counts
 * across the drop, an unreviewed drop withholds the day (null), a rejected read is ignored.
 * Days run from the first read (not before `from`: a read before it is only the first day's
 * start) to the last time the device reported.
 */
export function pagesPerDay(
  reads: readonly CounterReading[],
  counters: readonly string[],
  discontinuities: readonly CounterDiscontinuity[],
  from = -Infinity,
): DailyUsage[] {
  const times = reads.flatMap((read) =>
    [read.readAt, read.lastSeenAt ?? read.readAt].map(Date.parse).filter(Number.isFinite),
  );
  if (times.length === 0) return [];
  const days: DailyUsage[] = [];
  const last = Math.max(...times);
  const first = Math.max(from, Math.min(...times));
  for (let day = startOfLocalDay(first); day <= last; day = nextLocalDay(day))
    days.push({ day, pages: {}, flags: {} });

  for (const counter of counters) {
    const drops = discontinuities.filter((drop) => drop.counter === counter);
    const rejected = new Set(
      drops
        .filter((drop) => drop.status === 'REJECTED')
        .map((drop) => Date.parse(drop.afterReadAt)),
    );
    const points = pointsOf(reads, counter).filter(
      (point) => !rejected.has(point.readAt.getTime()),
    );
    const usageDrops: UsageDiscontinuity[] = drops.map((drop) => ({
      ...drop,
      afterReadAt: new Date(drop.afterReadAt),
    }));
    for (const day of days) {
      const end = nextLocalDay(day.day);
      const before = points.filter((point) => point.readAt.getTime() < day.day).at(-1) ?? null;
      const within = points.filter(
        (point) => point.readAt.getTime() >= day.day && point.readAt.getTime() < end,
      );
      const start = before ?? within[0] ?? null;
      const usage = usageBetween(start, within.at(-1) ?? before, usageDrops, {
        startIsFallback: before === null,
      });
      day.pages[counter] = usage.delta;
      day.flags[counter] = usage.flags;
    }
  }
  return days;
}

function pointsOf(reads: readonly CounterReading[], counter: string): CounterPoint[] {
  return reads
    .flatMap((read) => {
      const value = numeric(read.counters[counter]);
      const readAt = new Date(read.readAt);
      return value === null || !Number.isFinite(readAt.getTime()) ? [] : [{ value, readAt }];
    })
    .sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
}
