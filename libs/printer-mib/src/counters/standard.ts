import * as O from '../oids.js';
import type { VarBindIndex } from '../varbind-index.js';
import type { CounterNamePattern, CounterNames } from './counter-types.js';

/** prtMarkerCounterUnit values (RFC 3805 PrtMarkerCounterUnitTC) that count pages. */
const PAGE_UNITS = new Set([7, 8]); // impressions, sheets
const LENGTH_UNITS: Record<number, string> = {
  3: 'tenThousandthsOfInches',
  4: 'micrometers',
  16: 'feet',
  17: 'meters',
};

export const STANDARD_COUNTER_NAMES = {
  'printerMib.lifeCount': 'Lifetime count (Printer-MIB)',
  'printerMib.powerOnCount': 'Pages since power-on',
} as const satisfies CounterNames;

type StandardCounterKey = keyof typeof STANDARD_COUNTER_NAMES;

const UNIT_NAMES: Readonly<Record<string, string>> = {
  tenThousandthsOfInches: '1/10,000 in',
  micrometers: 'µm',
  feet: 'feet',
  meters: 'metres',
};

/** Length meters of large-format markers, by counter, unit and marker row. */
export const STANDARD_COUNTER_PATTERNS: readonly CounterNamePattern[] = [
  {
    pattern: /^printerMib\.(markerLifeCount|markerPowerOnCount)\.(\w+)\.(\d+(?:\.\d+)*)$/,
    name: (match) =>
      `${match[1] === 'markerLifeCount' ? 'Printed length' : 'Printed length since power-on'} ` +
      `(${UNIT_NAMES[match[2]!] ?? match[2]!.replace(/^unit/, 'unit ')}, marker ${match[3]})`,
  },
];

export type StandardCounters = {
  /** Sum of prtMarkerLifeCount over the markers that count impressions or sheets. */
  total: number | undefined;
  /** True when the device says it marks in one colour only. */
  monochrome: boolean;
  extra: Record<string, number>;
};

/**
 * prtMarkerLifeCount is the billing meter; prtMarkerPowerOnCount (RFC 3805: "the number of
 * units of the counter since power-on", reset at each power cycle) is kept as
 * `extra['printerMib.powerOnCount']`, never billed.
 */
export function standardCounters(index: VarBindIndex): StandardCounters {
  const units = index.numberColumn(O.PRT_MARKER_COUNTER_UNIT);
  const extra: Record<string, number> = {};
  const sumPages = (column: string, name: string): number | undefined => {
    let sum: number | undefined;
    for (const [row, count] of index.numberColumn(column)) {
      const unit = units.get(row);
      if (unit === undefined || PAGE_UNITS.has(unit)) {
        sum = (sum ?? 0) + count;
      } else {
        // Large-format printers count paper length; that is not a page count.
        extra[`printerMib.${name}.${LENGTH_UNITS[unit] ?? `unit${unit}`}.${row}`] = count;
      }
    }
    return sum;
  };
  const total = sumPages(O.PRT_MARKER_LIFE_COUNT, 'markerLifeCount');
  const powerOn = sumPages(O.PRT_MARKER_POWER_ON_COUNT, 'markerPowerOnCount');
  if (powerOn !== undefined)
    extra['printerMib.powerOnCount' satisfies StandardCounterKey] = powerOn;
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
