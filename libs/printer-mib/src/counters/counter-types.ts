import type { CanonicalCounter } from '@printbeat/domain';
import type { VarBindIndex } from '../varbind-index.js';

export type CounterValues = Partial<Record<CanonicalCounter, number>>;

/** What one vendor's private MIB adds: canonical values it knows, and its other counters. */
export type VendorCounters = { values: CounterValues; extra: Record<string, number> };

/**
 * Reads a vendor's private counters. `standardTotal` is the Printer-MIB lifetime count (or
 * undefined), so a reader can decide which of the two is the billing total for its vendor.
 */
export type VendorCounterReader = (
  index: VarBindIndex,
  standardTotal: number | undefined,
  model: string | null,
) => VendorCounters;

/** Display names of a vendor's fixed counter keys, kept next to the decoder that makes them. */
export type CounterNames<K extends string = string> = Readonly<Record<K, string>>;

/**
 * Display names of a family of keys a decoder builds from what the device says (a counter id,
 * a type code, a row label): the key's pattern, and its name from the match.
 */
export type CounterNamePattern = {
  pattern: RegExp;
  name: (match: RegExpExecArray) => string;
};

export function emptyVendorCounters(): VendorCounters {
  return { values: {}, extra: {} };
}

/** Sum of the values that exist; undefined when none does (never a made-up 0). */
export function sumPresent(...values: (number | null | undefined)[]): number | undefined {
  const present = values.filter((value): value is number => typeof value === 'number');
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}

/** Drops undefined entries so that a device reports only the counters it exposes. */
export function definedOnly<K extends string>(
  values: Partial<Record<K, number | undefined>>,
): Partial<Record<K, number>> {
  const result: Partial<Record<K, number>> = {};
  for (const [key, value] of Object.entries(values) as [K, number | undefined][])
    if (value !== undefined) result[key] = value;
  return result;
}
