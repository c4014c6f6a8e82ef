import * as O from '../oids.js';
import type { VarBindIndex } from '../varbind-index.js';

/** prtMarkerCounterUnit values (RFC 3805 PrtMarkerCounterUnitTC) that count pages. */
const PAGE_UNITS = new Set([7, 8]); // impressions, sheets
const LENGTH_UNITS: Record<number, string> = {
  3: 'tenThousandthsOfInches',
  4: 'micrometers',
  16: 'feet',
  17: 'meters',
};

export type StandardCounters = {
  /** Sum of prtMarkerLifeCount over the markers that count impressions or sheets. */
  total: number | undefined;
  /** True when the device says it marks in one colour only. */
  monochrome: boolean;
  extra: Record<string, number>;
};

export function standardCounters(index: VarBindIndex): StandardCounters {
  const units = index.numberColumn(O.PRT_MARKER_COUNTER_UNIT);
  const extra: Record<string, number> = {};
  let total: number | undefined;
  for (const [row, count] of index.numberColumn(O.PRT_MARKER_LIFE_COUNT)) {
    const unit = units.get(row);
    if (unit === undefined || PAGE_UNITS.has(unit)) {
      total = (total ?? 0) + count;
    } else {
      // Large-format printers count paper length; that is not a page count.
      extra[`printerMib.markerLifeCount.${LENGTH_UNITS[unit] ?? `unit${unit}`}.${row}`] = count;
    }
  }
  return { total, monochrome: isMonochrome(index), extra };
}

function isMonochrome(index: VarBindIndex): boolean {
  const processColorants = index.number(`${O.PRT_MARKER_PROCESS_COLORANTS}.1.1`);
  if (processColorants !== null) return processColorants === 1;
  const colorants = [...index.textColumn(O.PRT_MARKER_COLORANT_VALUE).values()].map((value) =>
    value.toLowerCase(),
  );
  return colorants.length > 0 && colorants.every((value) => value === 'black');
}
