import { CANONICAL_COUNTER_NAMES, isCanonicalCounter } from '@printbeat/domain';
import { BROTHER_COUNTER_NAMES, BROTHER_COUNTER_PATTERNS } from './brother.js';
import { CANON_COUNTER_PATTERNS } from './canon.js';
import type { Counters } from '../types.js';
import type { CounterNamePattern, CounterNames } from './counter-types.js';
import { EPSON_COUNTER_NAMES } from './epson.js';
import { HP_COUNTER_NAMES } from './hp.js';
import { KYOCERA_COUNTER_NAMES } from './kyocera.js';
import { OTHER_VENDOR_COUNTER_NAMES, OTHER_VENDOR_COUNTER_PATTERNS } from './other-vendors.js';
import { RICOH_COUNTER_PATTERNS } from './ricoh.js';
import { SHARP_COUNTER_NAMES, SHARP_COUNTER_PATTERNS } from './sharp.js';
import { STANDARD_COUNTER_NAMES, STANDARD_COUNTER_PATTERNS } from './standard.js';
import { ZEBRA_COUNTER_NAMES } from './zebra.js';

const FIXED: CounterNames = {
  ...STANDARD_COUNTER_NAMES,
  ...BROTHER_COUNTER_NAMES,
  ...EPSON_COUNTER_NAMES,
  ...HP_COUNTER_NAMES,
  ...KYOCERA_COUNTER_NAMES,
  ...OTHER_VENDOR_COUNTER_NAMES,
  ...SHARP_COUNTER_NAMES,
  ...ZEBRA_COUNTER_NAMES,
};

const PATTERNS: readonly CounterNamePattern[] = [
  ...STANDARD_COUNTER_PATTERNS,
  ...BROTHER_COUNTER_PATTERNS,
  ...CANON_COUNTER_PATTERNS,
  ...OTHER_VENDOR_COUNTER_PATTERNS,
  ...RICOH_COUNTER_PATTERNS,
  ...SHARP_COUNTER_PATTERNS,
];

/**
 * What people call a counter the decoders produce: a canonical name (`total`) or a vendor
 * extra (`kyocera.singleColor`, `canon.counter112`). Null for a key no decoder makes.
 */
export function counterDisplayName(key: string): string | null {
  if (isCanonicalCounter(key)) return CANONICAL_COUNTER_NAMES[key];
  if (Object.hasOwn(FIXED, key)) return FIXED[key]!;
  for (const { pattern, name } of PATTERNS) {
    const match = pattern.exec(key);
    if (match) return name(match);
  }
  return null;
}

/** The keys of decoded counters that have no display name (a decoder test expects none). */
export function unnamedCounterKeys(counters: Counters): string[] {
  const { extra, ...canonical } = counters;
  return [...Object.keys(canonical), ...Object.keys(extra)].filter(
    (key) => counterDisplayName(key) === null,
  );
}
