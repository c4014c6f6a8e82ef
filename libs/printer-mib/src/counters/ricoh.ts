import type { CanonicalCounter } from '@printbeat/domain';
import type { VarBindIndex } from '../varbind-index.js';
import type { CounterNamePattern, VendorCounters } from './counter-types.js';

/** ricohEngCounterTable: a type code per row (.2) and its value (.9). */
const COUNTER_TYPE = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.2';
const COUNTER_VALUE = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.9';

/** Ricoh counter type codes; two codes on one name are added (full colour + single/two colour). */
const TYPE_MAP: Record<number, CanonicalCounter> = {
  10: 'total',
  200: 'copyTotal',
  201: 'copyMono',
  202: 'copyColor',
  203: 'copyColor',
  300: 'faxTotal',
  400: 'printTotal',
  401: 'printMono',
  402: 'printColor',
  403: 'printColor',
  870: 'scanTotal',
  871: 'scanTotal',
};

/** Engine counter types with no canonical name, by their type code. */
export const RICOH_COUNTER_PATTERNS: readonly CounterNamePattern[] = [
  { pattern: /^ricoh\.type(\d+)$/, name: (match) => `Ricoh counter type ${match[1]}` },
];

/**
 * Ricoh and its OEMs (Gestetner, Lanier, Savin, NRG). The engine counter table is self-typed;
 * type 10 is the machine total the meter page shows, so it is the billing total.
 */
export function ricohCounters(index: VarBindIndex): VendorCounters {
  const values: Partial<Record<CanonicalCounter, number>> = {};
  const extra: Record<string, number> = {};
  const counts = index.numberColumn(COUNTER_VALUE);
  for (const [row, type] of index.numberColumn(COUNTER_TYPE)) {
    const count = counts.get(row);
    if (count === undefined || count < 0) continue;
    const name = TYPE_MAP[type];
    if (name) values[name] = (values[name] ?? 0) + count;
    else extra[`ricoh.type${type}`] = count;
  }
  return { values, extra };
}
