import type { CanonicalCounter } from '@printbeat/domain';
import type { VarBindIndex } from '../varbind-index.js';
import type { VendorCounters } from './counter-types.js';

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
  '7.4.50': 'scanTotal', // scan to e-mail/FTP
  '8.4.50': 'scanTotal', // scan to HDD
};

/**
 * Sharp: the total stays prtMarkerLifeCount, which on Sharp equals the "Total Count" rows
 * (MX-3570N: 91,164 black & white + 29,940 full colour = 121,104). Two-colour and single-colour
 * pages count as colour, as on Sharp's own billing meters. Rows without a canonical name go to
 * `extra` under their device label (`sharp.documentFeeder`).
 */
export function sharpCounters(index: VarBindIndex): VendorCounters {
  const values: Partial<Record<CanonicalCounter, number>> = {};
  const extra: Record<string, number> = {};
  const labels = index.textColumn(LABEL);
  for (const [row, count] of index.numberColumn(VALUE)) {
    const name = ROW_MAP[row];
    if (name) {
      values[name] = (values[name] ?? 0) + count;
    } else {
      extra[`sharp.${camelCase(labels.get(row) ?? `row ${row}`)}`] = count;
    }
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
