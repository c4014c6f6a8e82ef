/** One meter read as the chart needs it: when, and counter name → value. */
export type CounterReading = {
  readAt: string;
  counters: Readonly<Record<string, number | string | null | undefined>>;
};

export type ChartRow = { time: number } & Record<string, number | null>;

export type CounterDrop = { counter: string; time: number; from: number; to: number };

/** Counters may arrive as numbers or digit strings (BigInt-safe scalars); anything else is a gap. */
function numeric(value: number | string | null | undefined): number | null {
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
