import type { VarBindIndex } from '../varbind-index.js';
import { definedOnly, type CounterNamePattern, type VendorCounters } from './counter-types.js';

/** CANON-MIB counter table: value per counter id (the ids of the device's counter page). */
const COUNTER_VALUE = '1.3.6.1.4.1.1602.1.11.1.3.1.4';

/** Other counter ids, by the id the device's counter page lists them under. */
export const CANON_COUNTER_PATTERNS: readonly CounterNamePattern[] = [
  { pattern: /^canon\.counter(\d+)$/, name: (match) => `Canon counter ${match[1]}` },
];

/**
 * Canon: id 101 is "Total 1" and 108 "Total (Black & White 1)", the meters Canon bills by; every
 * other id is kept as `canon.counter<id>` because their meaning varies by model family.
 */
export function canonCounters(index: VarBindIndex): VendorCounters {
  const extra: Record<string, number> = {};
  const values = index.numberColumn(COUNTER_VALUE);
  for (const [id, count] of values) {
    if (id !== '101' && id !== '108') extra[`canon.counter${id}`] = count;
  }
  return { values: definedOnly({ total: values.get('101'), mono: values.get('108') }), extra };
}
