import type { VarBindIndex } from '../varbind-index.js';
import { definedOnly, sumPresent, type VendorCounters } from './counter-types.js';

/** XEROX-HOST-RESOURCES-EXT-MIB xcmHrDevDetailValueInteger, by detail group and index. */
const DETAIL = '1.3.6.1.4.1.253.8.53.13.2.1.6';

/**
 * Xerox, and Fuji Xerox / Fujifilm models that implement the Xerox common MIB: total, black and
 * colour impressions (the three billing meters of the device's usage page), copy impressions and
 * network scan images.
 */
export function xeroxCounters(index: VarBindIndex): VendorCounters {
  const get = (group: number, item: number) =>
    index.number(`${DETAIL}.${group}.20.${item}`) ?? undefined;
  const copyMono = get(11, 3);
  const copyColor = get(11, 25);
  return {
    values: definedOnly({
      total: get(1, 1),
      color: get(1, 33),
      mono: get(1, 34),
      copyMono,
      copyColor,
      copyTotal: sumPresent(copyMono, copyColor),
      scanTotal: sumPresent(get(10, 11), get(10, 12)),
    }),
    extra: {},
  };
}
