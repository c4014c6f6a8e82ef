import type { Counters } from '../types.js';
import type { VarBindIndex } from '../varbind-index.js';
import type { VendorFamily } from '../vendors.js';
import { brotherCounters } from './brother.js';
import { canonCounters } from './canon.js';
import type { VendorCounterReader } from './counter-types.js';
import { epsonCounters } from './epson.js';
import { hpCounters } from './hp.js';
import { konicaMinoltaCounters } from './konica-minolta.js';
import { kyoceraCounters } from './kyocera.js';
import { lexmarkCounters, okiCounters, samsungCounters } from './other-vendors.js';
import { ricohCounters } from './ricoh.js';
import { sharpCounters } from './sharp.js';
import { STANDARD_COUNTER_NAMES, standardCounters } from './standard.js';
import { toshibaCounters } from './toshiba.js';
import { xeroxCounters } from './xerox.js';
import { zebraCounters } from './zebra.js';

const READERS: Record<VendorFamily, VendorCounterReader | null> = {
  kyocera: kyoceraCounters,
  ricoh: ricohCounters,
  xerox: xeroxCounters,
  fujifilm: xeroxCounters,
  canon: canonCounters,
  hp: hpCounters,
  konicaMinolta: konicaMinoltaCounters,
  sharp: sharpCounters,
  brother: brotherCounters,
  lexmark: lexmarkCounters,
  toshiba: toshibaCounters,
  samsung: samsungCounters,
  epson: epsonCounters,
  oki: okiCounters,
  dell: null,
  zebra: zebraCounters,
};

/**
 * Canonical counters: the Printer-MIB lifetime count, overlaid with what the vendor's private MIB
 * knows. When the vendor total replaces a different standard value, the standard one is kept as
 * `extra['printerMib.lifeCount']` so nothing read is lost. A device that marks in one colour
 * only reports its total as `mono` too (its every page is a mono page).
 */
export function decodeCounters(
  index: VarBindIndex,
  family: VendorFamily | null,
  model: string | null = null,
): Counters {
  const standard = standardCounters(index);
  const counters: Counters = { extra: { ...standard.extra } };
  if (standard.total !== undefined) counters.total = standard.total;
  const reader = family ? READERS[family] : null;
  if (reader) {
    const vendor = reader(index, standard.total, model);
    for (const [name, value] of Object.entries(vendor.values) as [
      keyof typeof vendor.values,
      number,
    ][]) {
      if (name === 'total' && standard.total !== undefined && value !== standard.total) {
        counters.extra['printerMib.lifeCount' satisfies keyof typeof STANDARD_COUNTER_NAMES] =
          standard.total;
      }
      counters[name] = value;
    }
    Object.assign(counters.extra, vendor.extra);
  }
  if (standard.monochrome) fillMonochrome(counters);
  return counters;
}

/** On a device that marks in one colour only, every page of a function is a mono page. */
function fillMonochrome(counters: Counters): void {
  const pairs = [
    ['total', 'mono', 'color'],
    ['printTotal', 'printMono', 'printColor'],
    ['copyTotal', 'copyMono', 'copyColor'],
  ] as const;
  for (const [all, mono, color] of pairs) {
    const value = counters[all];
    if (value !== undefined && counters[mono] === undefined && !counters[color])
      counters[mono] = value;
  }
}
