import type { VarBindIndex } from '../varbind-index.js';
import { definedOnly, type CounterNames, type VendorCounters } from './counter-types.js';

export const EPSON_COUNTER_NAMES = {
  'epson.otherPages': 'Other pages',
} as const satisfies CounterNames;

const COUNTERS = '1.3.6.1.4.1.1248.1.2.2.27';
/** Per function (1 print from computer, 2 copy, 3 fax, 4 other): all pages (.4) and colour (.5). */
const FUNCTION_ALL = `${COUNTERS}.6.1.4.1.1`;
const FUNCTION_COLOR = `${COUNTERS}.6.1.5.1.1`;

/**
 * Epson: total / black & white / colour come from the private MIB (AM-C550: 81,563 = 39,797 +
 * 41,766, the web page's figures); black & white per function is all minus colour, as Epson only
 * keeps those two meters per function. Devices without the total meter (ST-M3000) fall back to
 * prtMarkerLifeCount.
 */
export function epsonCounters(index: VarBindIndex): VendorCounters {
  const get = (oid: string) => index.number(oid) ?? undefined;
  const minus = (all: number | undefined, color: number | undefined) =>
    all !== undefined && color !== undefined && color <= all ? all - color : undefined;
  const printTotal = get(`${FUNCTION_ALL}.1`);
  const printColor = get(`${FUNCTION_COLOR}.1`);
  const copyTotal = get(`${FUNCTION_ALL}.2`);
  const copyColor = get(`${FUNCTION_COLOR}.2`);
  return {
    values: definedOnly({
      total: get(`${COUNTERS}.1.1.30.1.1`),
      mono: get(`${COUNTERS}.1.1.3.1.1`),
      color: get(`${COUNTERS}.1.1.4.1.1`),
      printTotal,
      printColor,
      printMono: minus(printTotal, printColor),
      copyTotal,
      copyColor,
      copyMono: minus(copyTotal, copyColor),
      faxTotal: get(`${FUNCTION_ALL}.3`),
    }),
    extra: definedOnly<keyof typeof EPSON_COUNTER_NAMES>({
      'epson.otherPages': get(`${FUNCTION_ALL}.4`),
    }),
  };
}
