import type { SupplyType } from './types.js';

/** prtMarkerSuppliesType (RFC 3805 PrtMarkerSuppliesTypeTC) → supply type; other/unknown omitted. */
const TYPE_CODES: Record<number, SupplyType> = {
  3: 'toner',
  4: 'wasteToner',
  5: 'ink',
  6: 'ink',
  7: 'ink',
  8: 'wasteInk',
  9: 'drum',
  10: 'developer',
  15: 'fuser',
  18: 'cleaner',
  19: 'cleaner',
  20: 'transferBelt',
  21: 'toner',
  29: 'staples',
  32: 'staples',
  35: 'toner',
  36: 'ink',
};

/** Description keywords, most specific first (English, plus the CJK words Ricoh firmwares send). */
const DESCRIPTION_TYPES: { pattern: RegExp; type: SupplyType }[] = [
  {
    pattern: /waste\s*toner|toner\s*(waste|collect)|廢棄碳粉|废粉|廢粉|\bWT-\d/i,
    type: 'wasteToner',
  },
  { pattern: /waste\s*ink|ink\s*waste|maintenance\s*(box|tank)|ink collector/i, type: 'wasteInk' },
  { pattern: /clean/i, type: 'cleaner' },
  { pattern: /stapl/i, type: 'staples' },
  { pattern: /fuser|fusing|定影/i, type: 'fuser' },
  { pattern: /transfer\s*rol|roll\w*\s*transfer|\bBTR\b/i, type: 'transferRoller' },
  { pattern: /transfer|\bbelt\b|\bITB\b/i, type: 'transferBelt' },
  { pattern: /developer|顯影|显影/i, type: 'developer' },
  { pattern: /drum|imaging unit|image unit|photoconductor|\bOPC\b|感光|\bDK-\d/i, type: 'drum' },
  { pattern: /maintenance|\bkit\b|roller|\bMK-\d/i, type: 'maintenanceKit' },
  { pattern: /\bink\b|墨水|インク/i, type: 'ink' },
  { pattern: /toner|碳粉|墨粉|トナー|cartridge|\b(TK|PK)-\d/i, type: 'toner' },
];

/**
 * The type code decides when it is specific; a transfer unit is a roller or a belt by its name;
 * codes other(1) / unknown(2) or no code at all fall back to the description.
 */
export function classifySupply(typeCode: number | undefined, description: string): SupplyType {
  const byCode = typeCode === undefined ? undefined : TYPE_CODES[typeCode];
  if (byCode === 'transferBelt' && /rol/i.test(description)) return 'transferRoller';
  if (byCode) return byCode;
  return DESCRIPTION_TYPES.find((entry) => entry.pattern.test(description))?.type ?? 'other';
}

const COLORS: { pattern: RegExp; color: string }[] = [
  { pattern: /matte?\s*black/i, color: 'matteBlack' },
  { pattern: /photo\s*black/i, color: 'photoBlack' },
  { pattern: /light\s*cyan/i, color: 'lightCyan' },
  { pattern: /light\s*magenta|vivid\s*light\s*magenta/i, color: 'lightMagenta' },
  { pattern: /light\s*light\s*black|light\s*gr[ae]y/i, color: 'lightGray' },
  { pattern: /light\s*black|\bgr[ae]y\b/i, color: 'gray' },
  { pattern: /black|黑|ブラック/i, color: 'black' },
  { pattern: /cyan|青|シアン/i, color: 'cyan' },
  { pattern: /magenta|洋紅|品红|品紅|マゼンタ/i, color: 'magenta' },
  { pattern: /yellow|黃|黄|イエロー/i, color: 'yellow' },
  { pattern: /\bred\b/i, color: 'red' },
  { pattern: /\bgreen\b/i, color: 'green' },
  { pattern: /\bblue\b/i, color: 'blue' },
  { pattern: /orange/i, color: 'orange' },
  { pattern: /violet/i, color: 'violet' },
  { pattern: /\bwhite\b/i, color: 'white' },
  { pattern: /gloss|clear/i, color: 'clear' },
];

/** A colour name from a colorant value or a description; null when none is named. */
export function colorFromText(text: string | undefined): string | null {
  if (!text) return null;
  return COLORS.find((entry) => entry.pattern.test(text))?.color ?? null;
}
