import type { VarBindIndex } from '../varbind-index.js';
import { definedOnly, sumPresent, type VendorCounters } from './counter-types.js';

/** Toshiba e-STUDIO counters: `…21.6.1.{category}.1.{colour}`, colour 1 full, 2 twin, 3 black. */
const COUNTERS = '1.3.6.1.4.1.1129.2.3.50.1.3.21.6.1';
const ALL = 2;
const PRINTER = 3;
const COPY = 4;
const FAX = 7;

/** Toshiba: twin-colour pages count as colour; the total stays prtMarkerLifeCount. */
export function toshibaCounters(index: VarBindIndex): VendorCounters {
  const get = (category: number, colour: number) =>
    index.number(`${COUNTERS}.${category}.1.${colour}`) ?? undefined;
  const colorOf = (category: number) => sumPresent(get(category, 1), get(category, 2));
  const printMono = get(PRINTER, 3);
  const printColor = colorOf(PRINTER);
  const copyMono = get(COPY, 3);
  const copyColor = colorOf(COPY);
  return {
    values: definedOnly({
      mono: get(ALL, 3),
      color: colorOf(ALL),
      printMono,
      printColor,
      printTotal: sumPresent(printMono, printColor),
      copyMono,
      copyColor,
      copyTotal: sumPresent(copyMono, copyColor),
      faxTotal: sumPresent(get(FAX, 3), colorOf(FAX)),
    }),
    extra: {},
  };
}
