import { formatCount } from '../../shared/format';
import { counterLabel } from './device-display';

export type CounterDisagreement = {
  meter: string;
  value: number;
  source: string | null;
  alternativeSource: string;
  alternativeValue: number;
  differencePercent: number;
};

const SOURCE_LABELS: Readonly<Record<string, string>> = {
  vendor: "vendor's own counter",
  'printerMib.lifeCount': 'Printer-MIB life count',
};

/** A counter source in words: the known ones named, others as central sends them. */
export function sourceLabel(source: string | null): string {
  if (source === null) return 'reported value';
  return SOURCE_LABELS[source] ?? source;
}

/**
 * The device's review flag for counters: two sources of one meter that disagree, both values
 * shown, so a person decides which one to bill. Nothing when they agree.
 */
export function CounterReview({ review }: { review: readonly CounterDisagreement[] | null }) {
  if (!review || review.length === 0) return null;
  return (
    <section className="card" role="status" aria-labelledby="counter-review-title">
      <h3 id="counter-review-title" className="text-danger">
        Counters to review
      </h3>
      <p>
        The printer reports two different values for the same counter. The read where they started
        to differ waits under Read reviews until billing staff approve the first value, correct it
        or exclude the read; check which one matches the device’s own counter page.
      </p>
      <ul>
        {review.map((entry) => (
          <li key={`${entry.meter}|${entry.alternativeSource}`}>
            <strong>{counterLabel(entry.meter)}</strong>: {formatCount(entry.value)} (
            {sourceLabel(entry.source)}) vs {formatCount(entry.alternativeValue)} (
            {sourceLabel(entry.alternativeSource)}), {entry.differencePercent}% apart
          </li>
        ))}
      </ul>
    </section>
  );
}
