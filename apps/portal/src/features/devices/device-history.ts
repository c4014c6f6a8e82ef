import type { CounterReading } from './counter-series';

/** Periods the counter chart offers; dealers look back a quarter by default. */
export const COUNTER_PERIODS = [
  { days: 1, label: 'Last 24 hours' },
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
] as const;
export const DEFAULT_COUNTER_PERIOD_DAYS = 90;

/** Central caps a page of meter reads at 1000; the chart asks for one full page. */
export const METER_READS_PAGE = 1000;

/** Start of a period of `days` ending now, as the DateTime the API takes. */
export function periodFrom(now: Date, days: number): string {
  return new Date(now.getTime() - days * 24 * 3_600_000).toISOString();
}

const CHARTED = ['total', 'mono', 'color'] as const;

/** The billing counters (total, mono, colour) that appear in at least one read, in that order. */
export function chartedCounters(reads: readonly CounterReading[]): string[] {
  return CHARTED.filter((name) =>
    reads.some((read) => {
      const value = read.counters[name];
      return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
    }),
  );
}

/** The API hands counters as JSON; anything that is not an object is a read with no counters. */
export function asCounterReading(read: { readAt: string; counters: unknown }): CounterReading {
  const counters =
    typeof read.counters === 'object' && read.counters !== null && !Array.isArray(read.counters)
      ? (read.counters as CounterReading['counters'])
      : {};
  return { readAt: read.readAt, counters };
}

const IDENTITY_FIELDS: Readonly<Record<string, string>> = {
  ipAddress: 'IP address',
  macAddress: 'MAC address',
  hostname: 'Host name',
  firmware: 'Firmware',
  serialNumber: 'Serial number',
  location: 'Location',
  assetTag: 'Asset tag',
  manufacturer: 'Manufacturer',
  model: 'Model',
  mergedFrom: 'Merged from (serial → device)',
};

export function identityFieldLabel(field: string): string {
  return IDENTITY_FIELDS[field] ?? field;
}
