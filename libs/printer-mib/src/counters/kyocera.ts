import type { VarBindIndex } from '../varbind-index.js';
import {
  definedOnly,
  sumPresent,
  type CounterNames,
  type VendorCounters,
} from './counter-types.js';

const KYOCERA = '1.3.6.1.4.1.1347';
/** kcprtMarkerServiceCount: total printed pages, what the device's counter page calls "Total". */
const TOTAL_PRINTED = `${KYOCERA}.43.10.1.1.12.1.1`;
/** Printed pages per function (1 printer, 2 copy, 4 fax). */
const FUNCTION_TOTAL = `${KYOCERA}.42.3.1.1.1.1`;
/** Printed pages per function and colour mode (1 black & white, 2 single colour, 3 full colour). */
const FUNCTION_COLOR = `${KYOCERA}.42.3.1.2.1.1`;
/**
 * Scanned pages: copy and fax by function, other scans on their own; the device page's
 * "Scanned Pages" Copy 42,138 / Fax 3,057 / Other 43,441 on the TASKalfa 6052ci (printmaster
 * docs/vendor/KYOCERA_OID_MAPPING.md, checked against the web page).
 */
const SCANS_BY_FUNCTION = `${KYOCERA}.42.3.1.3.1.1`;
const OTHER_SCANS = `${KYOCERA}.42.3.1.4.1.1.1`;

export const KYOCERA_COUNTER_NAMES = {
  'kyocera.singleColor': 'Single-colour pages',
  'kyocera.copyScans': 'Scans (copy)',
  'kyocera.faxScans': 'Scans (fax)',
  'kyocera.otherScans': 'Scans (other)',
} as const satisfies CounterNames;

const PRINTER = 1;
const COPY = 2;
const FAX = 4;

/**
 * Kyocera (and its OEMs UTAX / TA). The billing total is kcprt "total printed", which is what
 * the device's own counter page shows (TASKalfa 6052ci: 424,405 = printer 304,339 + copy
 * 116,254 + fax 3,812), not prtMarkerLifeCount (432,951 there), which the engine increments
 * for more than billable printed pages; the standard value is kept in `extra`.
 */
export function kyoceraCounters(index: VarBindIndex): VendorCounters {
  const mode = (fn: number, colorMode: number) =>
    index.number(`${FUNCTION_COLOR}.${fn}.${colorMode}`);
  const mono = (fn: number) => mode(fn, 1);
  const color = (fn: number) => sumPresent(mode(fn, 2), mode(fn, 3));
  const copyScans = index.number(`${SCANS_BY_FUNCTION}.${COPY}`) ?? undefined;
  const faxScans = index.number(`${SCANS_BY_FUNCTION}.${FAX}`) ?? undefined;
  const otherScans = index.number(OTHER_SCANS) ?? undefined;
  const extra = definedOnly<keyof typeof KYOCERA_COUNTER_NAMES>({
    'kyocera.singleColor': sumPresent(mode(PRINTER, 2), mode(COPY, 2), mode(FAX, 2)),
    'kyocera.copyScans': copyScans,
    'kyocera.faxScans': faxScans,
    'kyocera.otherScans': otherScans,
  });
  return {
    values: definedOnly({
      total: index.number(TOTAL_PRINTED) ?? undefined,
      mono: sumPresent(mono(PRINTER), mono(COPY), mono(FAX)),
      color: sumPresent(color(PRINTER), color(COPY), color(FAX)),
      printTotal: index.number(`${FUNCTION_TOTAL}.${PRINTER}`) ?? undefined,
      printMono: mono(PRINTER) ?? undefined,
      printColor: color(PRINTER),
      copyTotal: index.number(`${FUNCTION_TOTAL}.${COPY}`) ?? undefined,
      copyMono: mono(COPY) ?? undefined,
      copyColor: color(COPY),
      faxTotal: index.number(`${FUNCTION_TOTAL}.${FAX}`) ?? undefined,
      scanTotal: sumPresent(copyScans, faxScans, otherScans),
    }),
    extra,
  };
}
