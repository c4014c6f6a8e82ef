import type { CanonicalCounter } from '@printbeat/domain';
import type { VarBindIndex } from '../varbind-index.js';
import type { CounterNamePattern, CounterNames, VendorCounters } from './counter-types.js';

/** Sharp's self-describing counter table: value (.3) and label (.4), indexed function.kind.mode. */
const VALUE = '1.3.6.1.4.1.2385.1.1.19.2.1.3';
const LABEL = '1.3.6.1.4.1.2385.1.1.19.2.1.4';

/** function.kind.mode → canonical name; several rows on one name are added. */
const ROW_MAP: Record<string, CanonicalCounter> = {
  '1.4.60': 'printTotal',
  '1.4.61': 'printMono',
  '1.4.63': 'printColor', // full colour
  '1.4.64': 'printColor', // two colour
  '1.4.80': 'printColor', // single colour
  '1.4.75': 'duplex',
  '4.4.60': 'copyTotal',
  '4.4.61': 'copyMono',
  '4.4.63': 'copyColor',
  '4.4.64': 'copyColor',
  '4.4.80': 'copyColor',
  '5.4.61': 'mono',
  '5.4.63': 'color',
  '5.4.64': 'color',
  '5.4.80': 'color',
};

/**
 * Scan rows go by their label, not their row: the MX-3570N labels `7.4.50` "Scan to
 * E-mail/FTP" and `8.4.50` "Scan to HDD", the MX-M266NV labels `8.4.50` "Scan to E-mail/FTP".
 */
const SCAN_LABELS = new Set(['scan to e-mail/ftp', 'scan to hdd']);

export const SHARP_COUNTER_NAMES = {
  'sharp.scanToEMailFtp': 'Scan to e-mail/FTP',
  'sharp.scanToHdd': 'Scan to HDD',
} as const satisfies CounterNames;

/** Other rows go by the device's own label, camel-cased by `sharpCounters`: spelt out again. */
export const SHARP_COUNTER_PATTERNS: readonly CounterNamePattern[] = [
  { pattern: /^sharp\.([a-z][A-Za-z0-9]*)$/, name: (match) => spelledOut(match[1]!) },
];

function spelledOut(camel: string): string {
  const words = camel
    .split(/(?=[A-Z])/)
    .map((word) => (/^(hdd|ftp|adf)$/i.test(word) ? word.toUpperCase() : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence[0]!.toUpperCase() + sentence.slice(1);
}

/**
 * Sharp: the total stays prtMarkerLifeCount, which on Sharp equals the "Total Count" rows
 * (MX-3570N: 91,164 black & white + 29,940 full colour = 121,104). Two-colour and single-colour
 * pages count as colour, as on Sharp's own billing meters. `scanTotal` is scan to e-mail/FTP plus
 * scan to HDD, each also kept under its label. Rows without a canonical name go to `extra` under
 * their device label (`sharp.documentFeeder`), as LibreNMS names each row of this table by its
 * label (includes/discovery/sensors/count/printer.inc.php).
 */
export function sharpCounters(index: VarBindIndex): VendorCounters {
  const values: Partial<Record<CanonicalCounter, number>> = {};
  const extra: Record<string, number> = {};
  const labels = index.textColumn(LABEL);
  for (const [row, count] of index.numberColumn(VALUE)) {
    const label = labels.get(row) ?? `row ${row}`;
    const name = SCAN_LABELS.has(label.trim().toLowerCase()) ? 'scanTotal' : ROW_MAP[row];
    if (name) values[name] = (values[name] ?? 0) + count;
    if (!name || name === 'scanTotal') extra[`sharp.${camelCase(label)}`] = count;
  }
  return { values, extra };
}

function camelCase(label: string): string {
  const words = label
    .replace(/&/g, 'and')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words
    .map((word, i) =>
      i === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('');
}
