import { sameCounters } from './meter-readings.js';
import { READ_REVIEW_REASON_MAX_LENGTH, type CounterRange } from './read-review.js';

/**
 * A meter read a person entered for a device that did not report one (read off the panel by
 * the customer, or the dealer's own estimate): what is accepted. It is stored like any read,
 * each counter's source `estimated`, and waits for review before billing uses it. Pure: no I/O.
 */

/** The source name of every counter of an estimated read (`meter_reads.sources`). */
export const ESTIMATED_SOURCE = 'estimated';

/** The most counters one estimated read may carry. */
export const ESTIMATED_READ_MAX_COUNTERS = 50;

export type EstimatedCounter = { name: string; value: number };

export type EstimatedReadInput = {
  readAt: Date;
  counters: readonly EstimatedCounter[];
  reason: string;
};

/** A refused estimate: the input field at fault and a sentence naming the rule or limit. */
export type EstimatedReadRefusal = { field: 'readAt' | 'counters' | 'reason'; message: string };

/**
 * Why an estimate is refused on its own terms (before its neighbouring reads are looked at);
 * null when acceptable. `knownCounters`: the counter names the device's stored reads carry.
 */
export function estimatedReadRefusal(
  input: EstimatedReadInput,
  context: { now: Date; knownCounters: ReadonlySet<string> },
): EstimatedReadRefusal | null {
  const refuse = (field: EstimatedReadRefusal['field'], message: string) => ({ field, message });
  const reason = input.reason.trim();
  if (reason === '') return refuse('reason', 'A reason is required to enter an estimated read.');
  if (reason.length > READ_REVIEW_REASON_MAX_LENGTH)
    return refuse(
      'reason',
      `The reason is ${reason.length} characters long; at most ${READ_REVIEW_REASON_MAX_LENGTH} are allowed.`,
    );
  if (Number.isNaN(input.readAt.getTime()))
    return refuse('readAt', 'The read time is not a valid date.');
  if (input.readAt.getTime() > context.now.getTime())
    return refuse(
      'readAt',
      `The read time ${input.readAt.toISOString()} is in the future; an estimate is for a time that has passed.`,
    );
  if (context.knownCounters.size === 0)
    return refuse(
      'counters',
      'The device has no meter read yet, so it has no counters to estimate; an estimate needs the counters the device reports.',
    );
  if (input.counters.length === 0)
    return refuse('counters', 'Enter at least one counter to estimate.');
  if (input.counters.length > ESTIMATED_READ_MAX_COUNTERS)
    return refuse(
      'counters',
      `The estimate has ${input.counters.length} counters; at most ${ESTIMATED_READ_MAX_COUNTERS} are allowed.`,
    );
  const seen = new Set<string>();
  for (const { name, value } of input.counters) {
    if (seen.has(name))
      return refuse('counters', `The counter ${name} is given twice; give each counter once.`);
    seen.add(name);
    if (!context.knownCounters.has(name))
      return refuse(
        'counters',
        `The device never reported a counter named ${name}; its counters are ${[...context.knownCounters].sort().join(', ')}.`,
      );
    if (!Number.isSafeInteger(value) || value < 0)
      return refuse(
        'counters',
        `The estimated ${name} must be a whole number from 0 to ${format(Number.MAX_SAFE_INTEGER)}.`,
      );
  }
  return null;
}

type StoredRead = { readAt: Date; counters: Readonly<Record<string, number>> };

/**
 * Why an estimate does not fit between the device's reads; null when it fits. `existing`: the
 * stored read at the same time, if any; `nearby`: the reads an identical estimate would only
 * repeat (the read before it, the read after it and the newest read: storing reads keeps one of
 * identical neighbours); `ranges`: per counter, the billed values before and after, which an
 * estimate must not leave (the counter never goes down).
 */
export function estimatedReadPlacementRefusal(
  input: Pick<EstimatedReadInput, 'readAt' | 'counters'>,
  around: {
    existing: { readAt: Date } | null;
    nearby: readonly (StoredRead | null)[];
    ranges: ReadonlyMap<string, CounterRange>;
  },
): EstimatedReadRefusal | null {
  if (around.existing)
    return {
      field: 'readAt',
      message: `The device already has a read at ${around.existing.readAt.toISOString()}; an estimate needs a time of its own.`,
    };
  const counters = Object.fromEntries(input.counters.map((c) => [c.name, c.value]));
  const repeated = around.nearby.find((read) => read && sameCounters(read.counters, counters));
  if (repeated)
    return {
      field: 'counters',
      message: `The estimate repeats the read at ${repeated.readAt.toISOString()} (same counters and values); billing uses that read already.`,
    };
  for (const { name, value } of input.counters) {
    const { min, max } = around.ranges.get(name) ?? { min: null, max: null };
    if (min && value < min.value)
      return {
        field: 'counters',
        message: `The estimated ${name} must be at least ${format(min.value)}, the counter at ${min.readAt.toISOString()}.`,
      };
    if (max && value > max.value)
      return {
        field: 'counters',
        message: `The estimated ${name} must be at most ${format(max.value)}, the counter at ${max.readAt.toISOString()}.`,
      };
  }
  return null;
}

function format(value: number): string {
  return value.toLocaleString('en-US');
}
