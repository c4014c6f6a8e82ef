import {
  BROTHER_MAINTENANCE_BLOB,
  isBrotherInkjet,
  parseBrotherBlob,
  parseBrotherLegacyBlob,
} from './counters/brother.js';
import * as O from './oids.js';
import { classifySupply, colorFromText } from './supply-classify.js';
import { parseSupplyDescription } from './supply-description.js';
import { vendorSupplyIds } from './supply-serials.js';
import type { Supply, SupplyLevelState, SupplyType } from './types.js';
import type { VarBindIndex } from './varbind-index.js';
import type { VendorFamily } from './vendors.js';

/** RFC 3805 prtMarkerSuppliesLevel / MaxCapacity special values. */
const SPECIAL_STATES: Record<number, SupplyLevelState> = {
  [-1]: 'other',
  [-2]: 'unknown',
  [-3]: 'someRemaining',
};

export type SupplyLevel = Pick<Supply, 'level' | 'maxCapacity' | 'percent' | 'state'>;

/** prtMarkerSuppliesSupplyUnit percent(19) (RFC 3805 PrtMarkerSuppliesSupplyUnitTC). */
const PERCENT_UNIT = 19;

/**
 * Level rules (RFC 3805 prtMarkerSuppliesLevel / MaxCapacity). −1/−2/−3 are states, never
 * numbers: level and percent are null. A real level with a real positive capacity gives a
 * percent (rounded to a whole number). A level above capacity is not clamped: the level is
 * kept, percent is null and the state is `other` (the device contradicts itself; 150 % would
 * be a lie and 100 % a guess). A special (−1 other, −2 unknown) or zero capacity gives no
 * percent, except when the supply counts in percent(19): then the level is the percent itself.
 */
export function supplyLevel(
  level: number | undefined,
  maxCapacity: number | undefined,
  unit?: number,
): SupplyLevel {
  const capacity = maxCapacity === undefined || maxCapacity < 0 ? null : maxCapacity;
  if (level === undefined)
    return { level: null, maxCapacity: capacity, percent: null, state: 'unknown' };
  const special = SPECIAL_STATES[level];
  if (special) return { level: null, maxCapacity: capacity, percent: null, state: special };
  if (level < 0) return { level: null, maxCapacity: capacity, percent: null, state: 'other' };
  if (capacity !== null && capacity > 0) {
    if (level > capacity) return { level, maxCapacity: capacity, percent: null, state: 'other' };
    return {
      level,
      maxCapacity: capacity,
      percent: Math.round((level / capacity) * 100),
      state: 'ok',
    };
  }
  const percent = unit === PERCENT_UNIT && level <= 100 ? level : null;
  return { level, maxCapacity: capacity, percent, state: 'ok' };
}

export function decodeSupplies(
  index: VarBindIndex,
  family: VendorFamily | null,
  model: string | null,
): Supply[] {
  const descriptions = index.textColumn(O.PRT_MARKER_SUPPLIES_DESCRIPTION);
  const types = index.numberColumn(O.PRT_MARKER_SUPPLIES_TYPE);
  const levels = index.numberColumn(O.PRT_MARKER_SUPPLIES_LEVEL);
  const capacities = index.numberColumn(O.PRT_MARKER_SUPPLIES_MAX_CAPACITY);
  const units = index.numberColumn(O.PRT_MARKER_SUPPLIES_SUPPLY_UNIT);
  const colorantIndexes = index.numberColumn(O.PRT_MARKER_SUPPLIES_COLORANT_INDEX);
  const colorants = index.textColumn(O.PRT_MARKER_COLORANT_VALUE);
  const rows = new Set([...descriptions.keys(), ...types.keys(), ...levels.keys()]);
  const vendorIds = vendorSupplyIds(index, family);

  const supplies: Supply[] = [];
  for (const row of rows) {
    const description = descriptions.get(row) ?? '';
    const device = row.split('.')[0] ?? '1';
    const colorantIndex = colorantIndexes.get(row);
    const colorant =
      colorantIndex && colorantIndex > 0 ? colorants.get(`${device}.${colorantIndex}`) : undefined;
    const parsed = parseSupplyDescription(description);
    const vendor = vendorIds(description);
    const serialNumber = parsed.serialNumber ?? vendor?.serialNumber ?? null;
    supplies.push({
      index: row,
      description: parsed.name,
      type: classifySupply(types.get(row), description),
      color: colorFromText(colorant) ?? colorFromText(description),
      ...supplyLevel(levels.get(row), capacities.get(row), units.get(row)),
      partNumber: parsed.partNumber ?? vendor?.partNumber ?? null,
      ...(serialNumber === null ? {} : { serialNumber }),
    });
  }
  return family === 'brother' ? mergeBrotherSupplies(index, supplies, model) : supplies;
}

/** Brother maintenance blob codes of remaining life, in hundredths of a percent. */
const BROTHER_REMAINING: Record<
  number,
  { description: string; type: SupplyType | 'marker'; color: string | null }
> = {
  0x6f: { description: 'Black', type: 'marker', color: 'black' },
  0x70: { description: 'Cyan', type: 'marker', color: 'cyan' },
  0x71: { description: 'Magenta', type: 'marker', color: 'magenta' },
  0x72: { description: 'Yellow', type: 'marker', color: 'yellow' },
  0x41: { description: 'Drum Unit', type: 'drum', color: null },
  0x69: { description: 'Belt Unit', type: 'transferBelt', color: null },
  0x6a: { description: 'Fuser Unit', type: 'fuser', color: null },
  0x6b: { description: 'Laser Unit', type: 'other', color: null },
  0x6c: { description: 'Paper Feeding Kit MP', type: 'maintenanceKit', color: null },
  0x6d: { description: 'Paper Feeding Kit 1', type: 'maintenanceKit', color: null },
};

/**
 * Brother's standard supply rows often say only "some remaining" (−3); its maintenance blob has
 * the remaining life in hundredths of a percent. Blob rows are added, and a standard row of the
 * same type and colour without a real level gives way to the blob's.
 */
function mergeBrotherSupplies(
  index: VarBindIndex,
  standard: Supply[],
  model: string | null,
): Supply[] {
  const records = parseBrotherBlob(index.bytes(BROTHER_MAINTENANCE_BLOB));
  const inkjet = isBrotherInkjet(model);
  const fromBlob: Supply[] = [];
  for (const [code, value] of records) {
    const known = BROTHER_REMAINING[code];
    // Inkjets reuse the laser codes for other things: only the four ink records apply there.
    if (!known || (inkjet && known.type !== 'marker')) continue;
    const type: SupplyType = known.type === 'marker' ? (inkjet ? 'ink' : 'toner') : known.type;
    const percent = Math.round(value / 100);
    const description =
      known.type === 'marker'
        ? `${known.description} ${inkjet ? 'Ink' : 'Toner'}`
        : known.description;
    fromBlob.push({
      index: `brother.${code.toString(16)}`,
      description,
      type,
      color: known.color,
      ...(percent > 100
        ? supplyLevel(percent, 100)
        : { level: percent, maxCapacity: 100, percent, state: 'ok' as const }),
      partNumber: null,
    });
  }
  fromBlob.push(...brotherLegacySupplies(index, inkjet));
  const replaced = (supply: Supply) =>
    supply.state !== 'ok' &&
    fromBlob.some((blob) => blob.type === supply.type && blob.color === supply.color);
  return [...standard.filter((supply) => !replaced(supply)), ...fromBlob];
}

/** Legacy records a1–a4: black, cyan, magenta, yellow remaining (bieniu/brother const.py). */
const BROTHER_LEGACY_COLORS: Record<number, string> = {
  0xa1: 'black',
  0xa2: 'cyan',
  0xa3: 'magenta',
  0xa4: 'yellow',
};

/**
 * The legacy blob does not say whether a colour is ink or toner (bieniu/brother takes that from
 * its user's printer-type setting): `ink` for the inkjet model names, else `other`.
 */
function brotherLegacySupplies(index: VarBindIndex, inkjet: boolean): Supply[] {
  const supplies: Supply[] = [];
  for (const [code, percent] of parseBrotherLegacyBlob(index.bytes(BROTHER_MAINTENANCE_BLOB))) {
    const color = BROTHER_LEGACY_COLORS[code];
    if (!color) continue;
    const name = color[0]!.toUpperCase() + color.slice(1);
    supplies.push({
      index: `brother.${code.toString(16)}`,
      description: inkjet ? `${name} Ink` : `${name} ink or toner`,
      type: inkjet ? 'ink' : 'other',
      color,
      level: percent,
      maxCapacity: 100,
      percent,
      state: 'ok',
      partNumber: null,
    });
  }
  return supplies;
}
