import type { VarBindIndex } from '../varbind-index.js';
import { definedOnly, type CounterNames, type VendorCounters } from './counter-types.js';

export const ZEBRA_COUNTER_NAMES = {
  'zebra.printLength.inches': 'Printed length (inches)',
  'zebra.printLength.centimeters': 'Printed length (cm)',
  'zebra.totalLabelCount': 'Labels printed',
} as const satisfies CounterNames;

/** ZEBRA-QL-MIB zql-ql-odometer (LibreNMS mibs/zebra/ZEBRA-QL-MIB). */
const ODOMETER = '1.3.6.1.4.1.10642.200.17';

/**
 * Zebra label printers count media length, not pages: zql-odometer-total-print-length (`.3`)
 * reads `1920 INCHES, 4876 CENTIMETERS` and is LibreNMS's "Printed Length (life, INCHES)"
 * (resources/definitions/os_discovery/zebra.yaml); zql-odometer-total-label-count (`.2`) is a
 * number as text. Both stay extras: no page meter of ours means either.
 */
export function zebraCounters(index: VarBindIndex): VendorCounters {
  const length = index.text(`${ODOMETER}.3.0`) ?? '';
  const labels = index.text(`${ODOMETER}.2.0`)?.trim() ?? '';
  return {
    values: {},
    extra: definedOnly<keyof typeof ZEBRA_COUNTER_NAMES>({
      'zebra.printLength.inches': lengthIn(length, 'INCHES'),
      'zebra.printLength.centimeters': lengthIn(length, 'CENTIMETERS'),
      'zebra.totalLabelCount': /^\d+$/.test(labels) ? Number(labels) : undefined,
    }),
  };
}

function lengthIn(text: string, unit: string): number | undefined {
  const found = new RegExp(`(\\d+)\\s*${unit}\\b`, 'i').exec(text);
  return found ? Number(found[1]) : undefined;
}
