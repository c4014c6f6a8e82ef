/**
 * Canonical page-counter names, shared by the agent's decoder, the upload payload and
 * central's billing. A device reports only the counters it really exposes.
 */
export const CANONICAL_COUNTERS = [
  'total',
  'mono',
  'color',
  'printTotal',
  'printMono',
  'printColor',
  'copyTotal',
  'copyMono',
  'copyColor',
  'faxTotal',
  'scanTotal',
  'duplex',
  'large',
] as const;

export type CanonicalCounter = (typeof CANONICAL_COUNTERS)[number];

export function isCanonicalCounter(name: string): name is CanonicalCounter {
  return (CANONICAL_COUNTERS as readonly string[]).includes(name);
}

/** What people call each canonical counter, wherever counters are shown (portal, e-mails). */
export const CANONICAL_COUNTER_NAMES: Readonly<Record<CanonicalCounter, string>> = {
  total: 'Total',
  mono: 'Mono',
  color: 'Colour',
  printTotal: 'Print',
  printMono: 'Print mono',
  printColor: 'Print colour',
  copyTotal: 'Copy',
  copyMono: 'Copy mono',
  copyColor: 'Copy colour',
  faxTotal: 'Fax',
  scanTotal: 'Scan',
  duplex: 'Duplex',
  large: 'Large format',
};
