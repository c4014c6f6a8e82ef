import type { CanonicalCounter } from './counters.js';

/**
 * Where a meter's value came from, and a check of two sources of one meter against each other
 * (libs/domain/README.md, "Counter sources"). Pure: no I/O.
 *
 * Source names: `printerMib.lifeCount` (RFC 3805 prtMarkerLifeCount summed over page-counting
 * markers, the decoder's own key) and `vendor` (the vendor's private MIB).
 */
export const PRINTER_MIB_LIFE_COUNT = 'printerMib.lifeCount';

/**
 * Vendor counters (`extra` keys) that are another source of a canonical meter, taken only from
 * what the decoders document (libs/printer-mib README, "Counters: per-vendor decisions"):
 * `printerMib.lifeCount` is kept exactly when a vendor total replaced a different
 * prtMarkerLifeCount as `total`. No other extra key is documented as the same meter: Brother
 * image counts, Canon counter ids, OKI and Lexmark meters, Sharp's own rows and
 * `kyocera.singleColor` are other meters or of unknown meaning, so they are never compared.
 */
export const ALTERNATIVE_COUNTER_SOURCES: Readonly<Record<string, CanonicalCounter>> = {
  [PRINTER_MIB_LIFE_COUNT]: 'total',
};

/** A reading's counters as the upload format carries them. */
export type SourcedCounters = Partial<Record<CanonicalCounter, number>> & {
  extra?: Record<string, number>;
};

/**
 * Which source each canonical meter of a reading came from, and which other source of it the
 * reading holds, as the documented decoder rule tells them: a kept `printerMib.lifeCount` means
 * the vendor's private total replaced it as `total`. A meter whose source the reading does not
 * tell (prtMarkerLifeCount alone, or a vendor total equal to it) is left out rather than guessed.
 */
export function counterSources(counters: SourcedCounters): CounterSources {
  const sources: CounterSources = {};
  for (const [extra, meter] of Object.entries(ALTERNATIVE_COUNTER_SOURCES)) {
    const alternative = counters.extra?.[extra];
    if (typeof counters[meter] === 'number' && typeof alternative === 'number')
      sources[meter] = { source: VENDOR_TOTAL, alternatives: { [extra]: alternative } };
  }
  return sources;
}

/** The source name of a value a vendor's private MIB gave in place of the standard one. */
export const VENDOR_TOTAL = 'vendor';

/** Per canonical meter: its source and the values of its other sources in the same reading. */
export type CounterSources = Partial<
  Record<CanonicalCounter, { source: string; alternatives: Record<string, number> }>
>;

/** Two sources of one meter that disagree: both values, for a person to decide. */
export type CounterDisagreement = {
  meter: CanonicalCounter;
  value: number;
  /** The source of the value billed (null when the reading did not say). */
  source: string | null;
  alternativeSource: string;
  alternativeValue: number;
  /** |value − alternativeValue| as a percent of the larger one. */
  differencePercent: number;
};

/**
 * Default tolerance: 1 % of the larger value. Sources of one meter can differ by the pages one
 * counts and the other does not (Kyocera's counter-page total leaves out what prtMarkerLifeCount
 * counts: 424,405 vs 432,951 on a TASKalfa 6052ci, 2 %), so the dealer sees both rather than
 * one silently winning; rounding and a page printed between two reads stay well below 1 %.
 */
export const COUNTER_SOURCE_TOLERANCE_PERCENT = 1;

/**
 * Every meter whose alternative source is further from it than `tolerancePercent` of the larger
 * of the two; empty when they agree (or the reading has only one source per meter).
 */
export function counterDisagreements(
  counters: SourcedCounters,
  tolerancePercent = COUNTER_SOURCE_TOLERANCE_PERCENT,
): CounterDisagreement[] {
  const sources = counterSources(counters);
  const found: CounterDisagreement[] = [];
  for (const [alternativeSource, meter] of Object.entries(ALTERNATIVE_COUNTER_SOURCES)) {
    const value = counters[meter];
    const alternativeValue = counters.extra?.[alternativeSource];
    if (typeof value !== 'number' || typeof alternativeValue !== 'number') continue;
    const larger = Math.max(value, alternativeValue);
    const differencePercent =
      larger === 0 ? 0 : (Math.abs(value - alternativeValue) / larger) * 100;
    if (differencePercent > tolerancePercent)
      found.push({
        meter,
        value,
        source: sources[meter]?.source ?? null,
        alternativeSource,
        alternativeValue,
        differencePercent: Math.round(differencePercent * 100) / 100,
      });
  }
  return found;
}
