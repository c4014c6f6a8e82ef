import {
  COUNTER_SOURCE_TOLERANCE_PERCENT,
  counterDisagreements,
  type CounterDisagreement,
  type SourcedCounters,
} from './counter-sources.js';

/**
 * Meter read review before billing: what a person may decide about one counter of a flagged
 * read, and the range a corrected value must lie in. Pure: no I/O.
 */

export const READ_REVIEW_DECISIONS = ['APPROVE', 'CORRECT', 'EXCLUDE'] as const;
export type ReadReviewDecision = (typeof READ_REVIEW_DECISIONS)[number];

export type ReadReviewStatus = 'PENDING' | 'APPROVED' | 'CORRECTED' | 'EXCLUDED';
export type ReadReviewReason = 'DISCONTINUITY' | 'SOURCE_DISAGREEMENT' | 'ESTIMATED';

/** The longest reason a person may give. */
export const READ_REVIEW_REASON_MAX_LENGTH = 1000;

/**
 * Where a corrected value may lie: not below the read the counter had before (the billed value
 * before this read, or the value before a counter drop) and not above the next read's value,
 * so a correction never makes a counter go down. Null ends are open.
 */
export type CounterRange = {
  min: { value: number; readAt: Date } | null;
  max: { value: number; readAt: Date } | null;
};

export function statusOf(decision: ReadReviewDecision): Exclude<ReadReviewStatus, 'PENDING'> {
  switch (decision) {
    case 'APPROVE':
      return 'APPROVED';
    case 'CORRECT':
      return 'CORRECTED';
    case 'EXCLUDE':
      return 'EXCLUDED';
    default:
      return assertNever(decision);
  }
}

/** A refused decision: the input field at fault and a sentence naming the limit. */
export type ReadReviewRefusal = { field: 'reason' | 'correctedValue'; message: string };

/**
 * Why a decision is refused; null when it is acceptable. A reason is required to correct or
 * exclude; a corrected value is required (and only allowed) to correct, and must be a whole
 * number between the range's ends.
 */
export function readReviewRefusal(
  decision: ReadReviewDecision,
  input: { correctedValue: number | null; reason: string | null },
  range: CounterRange,
): ReadReviewRefusal | null {
  const reason = input.reason?.trim() ?? '';
  const refuse = (field: ReadReviewRefusal['field'], message: string) => ({ field, message });
  if (decision !== 'APPROVE' && reason === '')
    return refuse(
      'reason',
      `A reason is required to ${decision === 'CORRECT' ? 'correct' : 'exclude'} a read.`,
    );
  if (reason.length > READ_REVIEW_REASON_MAX_LENGTH)
    return refuse(
      'reason',
      `The reason is ${reason.length} characters long; at most ${READ_REVIEW_REASON_MAX_LENGTH} are allowed.`,
    );
  if (decision !== 'CORRECT')
    return input.correctedValue === null
      ? null
      : refuse('correctedValue', 'A corrected value is only given to correct a read.');
  const value = input.correctedValue;
  if (value === null)
    return refuse('correctedValue', 'A corrected value is required to correct a read.');
  if (!Number.isSafeInteger(value) || value < 0)
    return refuse(
      'correctedValue',
      `The corrected value must be a whole number from 0 to ${format(Number.MAX_SAFE_INTEGER)}.`,
    );
  const { min, max } = range;
  if (min && max && min.value > max.value)
    return refuse(
      'correctedValue',
      `No value fits between the read before (${format(min.value)} at ${min.readAt.toISOString()}) and the read after (${format(max.value)} at ${max.readAt.toISOString()}): approve the read as a counter reset or exclude it.`,
    );
  if (min && value < min.value)
    return refuse(
      'correctedValue',
      `The corrected value must be at least ${format(min.value)}, the counter at ${min.readAt.toISOString()}.`,
    );
  if (max && value > max.value)
    return refuse(
      'correctedValue',
      `The corrected value must be at most ${format(max.value)}, the counter at ${max.readAt.toISOString()}.`,
    );
  return null;
}

function format(value: number): string {
  return value.toLocaleString('en-US');
}

function assertNever(value: never): never {
  throw new Error(`Unexpected decision ${String(value)}`);
}

/** Stored counters (meter_reads.counters: vendor extras under `vendor:`) as the upload format has them. */
export function sourcedCounters(stored: Readonly<Record<string, number>>): SourcedCounters {
  const counters: Record<string, number> = {};
  const extra: Record<string, number> = {};
  for (const [name, value] of Object.entries(stored)) {
    if (name.startsWith(VENDOR_PREFIX)) extra[name.slice(VENDOR_PREFIX.length)] = value;
    else counters[name] = value;
  }
  return { ...(counters as SourcedCounters), extra };
}

const VENDOR_PREFIX = 'vendor:';

/**
 * The disagreements of a read that need a person: those of meters whose sources agreed on the
 * read before it (or that it is the device's first read). A device whose sources always differ
 * by the same pages (Kyocera's counter-page total, libs/domain README) is reviewed once when
 * the difference appears, not at every read.
 */
export function newSourceDisagreements(
  previous: Readonly<Record<string, number>> | null,
  current: Readonly<Record<string, number>>,
  tolerancePercent = COUNTER_SOURCE_TOLERANCE_PERCENT,
): CounterDisagreement[] {
  const before = new Set(
    previous
      ? counterDisagreements(sourcedCounters(previous), tolerancePercent).map((d) => d.meter)
      : [],
  );
  return counterDisagreements(sourcedCounters(current), tolerancePercent).filter(
    (d) => !before.has(d.meter),
  );
}
