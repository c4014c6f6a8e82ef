import type { VarBindIndex } from '../varbind-index.js';
import type { CounterNamePattern, CounterNames, VendorCounters } from './counter-types.js';

export const OTHER_VENDOR_COUNTER_NAMES = {
  'lexmark.paperJams': 'Paper jams',
  'lexmark.scannerJams': 'Scanner jams',
  'oki.colorPrint': 'Colour prints',
  'oki.monoPrint': 'Mono prints',
} as const satisfies CounterNames;

type OtherVendorCounterKey = keyof typeof OTHER_VENDOR_COUNTER_NAMES;

/** LEXMARK-MPS-MIB page counters, kept by their row. */
export const OTHER_VENDOR_COUNTER_PATTERNS: readonly CounterNamePattern[] = [
  {
    pattern: /^lexmark\.mpsCounter(\d+(?:\.\d+)*)$/,
    name: (match) => `Lexmark page counter ${match[1]}`,
  },
];

/**
 * Vendors whose private counter OIDs could not be confirmed from two independent sources or a
 * recorded walk: their counters are kept under `extra` with the vendor's name, never mapped to a
 * canonical (billed) name on a guess. The total is prtMarkerLifeCount.
 */
function extraColumn(index: VarBindIndex, prefix: string, key: string): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [row, count] of index.numberColumn(prefix)) extra[`${key}${row}`] = count;
  return extra;
}

/**
 * LEXMARK-MPS-MIB genCountTable (`641.6.4.1.1.1`): a type per row (`.2`) and its value (`.4`);
 * types 97 paperJams and 98 scannerJams (check_printer_health GLPlugin
 * MibsAndOids/LEXMARKMPSMIB.pm, genCountType).
 */
const LEXMARK_GEN_COUNT = '1.3.6.1.4.1.641.6.4.1.1.1';
const LEXMARK_GEN_COUNT_NAMES: Record<number, OtherVendorCounterKey> = {
  97: 'lexmark.paperJams',
  98: 'lexmark.scannerJams',
};

/** LEXMARK-MPS-MIB page counters, kept by index; jam counts by their type. */
export function lexmarkCounters(index: VarBindIndex): VendorCounters {
  const extra = extraColumn(index, '1.3.6.1.4.1.641.6.4.2.1.1.4.1', 'lexmark.mpsCounter');
  const values = index.numberColumn(`${LEXMARK_GEN_COUNT}.4`);
  for (const [row, type] of index.numberColumn(`${LEXMARK_GEN_COUNT}.2`)) {
    const name = LEXMARK_GEN_COUNT_NAMES[type];
    const value = values.get(row);
    if (name && value !== undefined) extra[name] = value;
  }
  return { values: {}, extra };
}

/** OKI colour / mono print meters. */
export function okiCounters(index: VarBindIndex): VendorCounters {
  const extra: Record<string, number> = {};
  const color = index.number('1.3.6.1.4.1.2001.1.1.1.1.11.1.10.170.1.6.1');
  const mono = index.number('1.3.6.1.4.1.2001.1.1.1.1.11.1.10.170.1.7.1');
  if (color !== null) extra['oki.colorPrint' satisfies OtherVendorCounterKey] = color;
  if (mono !== null) extra['oki.monoPrint' satisfies OtherVendorCounterKey] = mono;
  return { values: {}, extra };
}

/** Samsung: no private counter OID is read (see README); the standard total applies. */
export function samsungCounters(): VendorCounters {
  return { values: {}, extra: {} };
}
