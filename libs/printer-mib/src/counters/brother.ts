import type { VarBindIndex } from '../varbind-index.js';
import {
  definedOnly,
  type CounterNamePattern,
  type CounterNames,
  type VendorCounters,
} from './counter-types.js';

/** Brother's counter blob: 7-byte records `code 01 04 vv vv vv vv` (big-endian value). */
export const BROTHER_COUNTERS_BLOB = '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.10.0';
/** Brother's maintenance blob: remaining life, and on lasers the drum page counters. */
export const BROTHER_MAINTENANCE_BLOB = '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.8.0';

/** Inkjets reuse the laser maintenance codes for other things (DCP-J132W sends a code 11). */
export function isBrotherInkjet(model: string | null): boolean {
  return model !== null && /^(DCP|MFC)-[JT]\d/i.test(model);
}

export const BROTHER_COUNTER_NAMES = {
  'brother.drumCounter': 'Drum pages',
  'brother.blackDrumCounter': 'Black drum pages',
  'brother.cyanDrumCounter': 'Cyan drum pages',
  'brother.magentaDrumCounter': 'Magenta drum pages',
  'brother.yellowDrumCounter': 'Yellow drum pages',
  'brother.blackImageCount': 'Black images',
  'brother.cyanImageCount': 'Cyan images',
  'brother.magentaImageCount': 'Magenta images',
  'brother.yellowImageCount': 'Yellow images',
  'brother.imageCount': 'Images',
  'brother.pageCounter': 'Page counter (Brother)',
  'brother.counter06': 'Duplex unit pages',
} as const satisfies CounterNames;

type BrotherCounterKey = keyof typeof BROTHER_COUNTER_NAMES;

/** Other codes of the counter blob, by their code (`brother.counter07`). */
export const BROTHER_COUNTER_PATTERNS: readonly CounterNamePattern[] = [
  { pattern: /^brother\.counter([0-9a-f]{2})$/, name: (match) => `Brother counter ${match[1]}` },
];

/**
 * Laser drum page counters in the maintenance blob (bieniu/brother brother/const.py
 * VALUES_LASER_MAINTENANCE: 11 drum_counter, 7e/73/74/75 black/cyan/magenta/yellow drum).
 */
const DRUM_COUNTERS: Record<number, BrotherCounterKey> = {
  0x11: 'brother.drumCounter',
  0x7e: 'brother.blackDrumCounter',
  0x73: 'brother.cyanDrumCounter',
  0x74: 'brother.magentaDrumCounter',
  0x75: 'brother.yellowDrumCounter',
};

const EXTRA_NAMES: Record<number, BrotherCounterKey> = {
  0x12: 'brother.blackImageCount',
  0x13: 'brother.cyanImageCount',
  0x14: 'brother.magentaImageCount',
  0x15: 'brother.yellowImageCount',
  0x16: 'brother.imageCount',
};

/** `code → value` of a Brother blob (counters, maintenance, next care), ignoring a torn tail. */
export function parseBrotherBlob(bytes: Uint8Array | null): Map<number, number> {
  const records = new Map<number, number>();
  if (!bytes) return records;
  for (let offset = 0; offset + 7 <= bytes.length; offset += 7) {
    const code = bytes[offset]!;
    const length = bytes[offset + 2]!;
    if (bytes[offset + 1] !== 0x01 || length !== 4) continue;
    const value =
      ((bytes[offset + 3]! << 24) |
        (bytes[offset + 4]! << 16) |
        (bytes[offset + 5]! << 8) |
        bytes[offset + 6]!) >>>
      0;
    records.set(code, value);
  }
  return records;
}

/**
 * Older Brothers (MFC-5490CN) send 5-byte maintenance records `code 01 02 value total` with a
 * total of 0x14 (20 steps); bieniu/brother reads them as round(value / total × 100) % when every
 * record has that shape (`_legacy_printer`, `_iterate_data_legacy`). `code → percent`, or an
 * empty map when the blob is not of that kind.
 */
export function parseBrotherLegacyBlob(bytes: Uint8Array | null): Map<number, number> {
  const records = new Map<number, number>();
  if (!bytes || bytes.length === 0 || bytes.length % 5 !== 0) return records;
  for (let offset = 0; offset < bytes.length; offset += 5) {
    const total = bytes[offset + 4]!;
    if (bytes[offset + 1] !== 0x01 || bytes[offset + 2] !== 0x02 || total !== 0x14)
      return new Map();
    records.set(bytes[offset]!, Math.round((bytes[offset + 3]! / total) * 100));
  }
  return records;
}

/**
 * Brother: code 00 of the blob is the page counter (equal to prtMarkerLifeCount on every
 * fixture), 01 black & white pages, 02 colour pages, 06 duplex unit pages (bieniu/brother
 * VALUES_COUNTERS "duplex_unit_pages_counter"; still also kept as `brother.counter06`). The
 * standard total wins when present; the blob's is the fallback for firmwares that only answer
 * the private MIB.
 */
export function brotherCounters(
  index: VarBindIndex,
  standardTotal: number | undefined,
  model: string | null,
): VendorCounters {
  const records = parseBrotherBlob(index.bytes(BROTHER_COUNTERS_BLOB));
  const extra: Record<string, number> = {};
  for (const [code, value] of records) {
    if (code <= 0x02) continue;
    extra[EXTRA_NAMES[code] ?? `brother.counter${code.toString(16).padStart(2, '0')}`] = value;
  }
  if (!isBrotherInkjet(model)) {
    for (const [code, value] of parseBrotherBlob(index.bytes(BROTHER_MAINTENANCE_BLOB))) {
      const name = DRUM_COUNTERS[code];
      if (name) extra[name] = value;
    }
  }
  const mono = records.get(0x01);
  const color = records.get(0x02);
  // Some firmwares (MFC-J680DW) drop record 00; total = black & white + colour on every Brother.
  const pageCounter = records.get(0x00);
  const blobTotal =
    pageCounter ?? (mono !== undefined && color !== undefined ? mono + color : undefined);
  // HL-L2340DW: page counter 986 (what bieniu/brother reports) against prtMarkerLifeCount 1,279.
  if (pageCounter !== undefined && standardTotal !== undefined && pageCounter !== standardTotal)
    extra['brother.pageCounter' satisfies BrotherCounterKey] = pageCounter;
  return {
    values: definedOnly({
      total: standardTotal === undefined ? blobTotal : undefined,
      mono,
      color,
      duplex: records.get(0x06),
    }),
    extra,
  };
}
