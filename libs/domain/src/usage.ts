/**
 * Billing usage of one counter of one device between two readings, across reviewed meter
 * discontinuities. Never negative: when the answer is not known, `delta` is null and a flag
 * says why. Pure: no I/O.
 */

export const USAGE_FLAGS = [
  /** No reading at or before `from`: the period starts at the first reading after it. */
  'MISSING_START',
  /** No reading at or before `to` (or none in the period): no usage. */
  'MISSING_END',
  /** A counter went down in the period and nobody reviewed it yet: no usage until reviewed. */
  'ROLLBACK_OPEN',
  /** The period spans a reset that a person accepted: usage counts across it. */
  'ROLLBACK_REVIEWED',
  /** A reading in the period was rejected as a bad read and ignored. */
  'READING_REJECTED',
  /** The start or end read is a flagged read a person approved: billed as read. */
  'READ_APPROVED',
  /** The start or end value is a person's correction of the read (the read itself unchanged). */
  'READ_CORRECTED',
  /** The start or end read is an estimate a person entered, approved or corrected by a reviewer. */
  'READ_ESTIMATED',
  /** A read a person excluded lies in the period: skipped, its neighbours billed instead. */
  'READ_EXCLUDED',
  /** A flagged read in the period waits for review: skipped until a person decides. */
  'READ_AWAITING_REVIEW',
] as const;

export type UsageFlag = (typeof USAGE_FLAGS)[number];

export type DiscontinuityStatus = 'OPEN' | 'ACCEPTED_RESET' | 'REJECTED' | 'CORRECTED';

/**
 * A reviewed (or waiting) flagged read of this counter up to the period's end. Counter drops
 * waiting for review are not listed here: they withhold usage (ROLLBACK_OPEN) instead.
 */
export type ReviewedRead = {
  status: 'PENDING' | 'APPROVED' | 'CORRECTED' | 'EXCLUDED';
  readAt: Date;
  /** A counter drop's later read: its decisions keep the drop's own flags. */
  drop?: boolean;
  /** An estimated read (entered by a person, not read from the device). */
  estimated?: boolean;
};

export type CounterPoint = { value: number; readAt: Date };

export type UsageDiscontinuity = {
  status: DiscontinuityStatus;
  /** The counter value before the drop. */
  beforeValue: number;
  /** The counter value of the first reading after the drop. */
  afterValue: number;
  /**
   * ACCEPTED_RESET only: pages made between the reading before and the reading after the drop,
   * across the swap (the old counter's tail plus what the new counter counted up to
   * `afterValue`). Null means "the new counter started at 0": `afterValue` pages.
   */
  offset: number | null;
  /** When the reading after the drop was taken. */
  afterReadAt: Date;
};

export type UsageResult = { delta: number | null; flags: UsageFlag[] };

/**
 * Usage between `start` and `end`, given every discontinuity of this counter whose later
 * reading lies in (start.readAt, end.readAt]. REJECTED readings must already be excluded
 * from `start`/`end` by the caller; their discontinuities here only set a flag.
 */
export function usageBetween(
  start: CounterPoint | null,
  end: CounterPoint | null,
  discontinuities: readonly UsageDiscontinuity[],
  options: {
    startIsFallback?: boolean;
    /** The start/end value is a corrected value (the repository chose it). */
    startCorrected?: boolean;
    endCorrected?: boolean;
    reviews?: readonly ReviewedRead[];
  } = {},
): UsageResult {
  const flags = new Set<UsageFlag>();
  reviewFlags(flags, start, end, options);
  if (!start || options.startIsFallback) flags.add('MISSING_START');
  if (!end) flags.add('MISSING_END');
  if (!start || !end) return result(null, flags);
  if (end.readAt.getTime() < start.readAt.getTime()) return result(null, flags);

  const inPeriod = discontinuities
    .filter(
      (d) =>
        d.afterReadAt.getTime() > start.readAt.getTime() &&
        d.afterReadAt.getTime() <= end.readAt.getTime(),
    )
    .sort((a, b) => a.afterReadAt.getTime() - b.afterReadAt.getTime());

  let total = 0;
  let current = start.value;
  let unknown = false;
  for (const d of inPeriod) {
    switch (d.status) {
      case 'REJECTED':
        flags.add('READING_REJECTED');
        continue;
      case 'OPEN':
        flags.add('ROLLBACK_OPEN');
        unknown = true;
        continue;
      case 'CORRECTED':
        // The later read's corrected value is not below the value before the drop.
        continue;
      case 'ACCEPTED_RESET': {
        flags.add('ROLLBACK_REVIEWED');
        const before = d.beforeValue - current;
        if (before < 0) unknown = true;
        total += before + (d.offset ?? d.afterValue);
        current = d.afterValue;
        continue;
      }
      default:
        return assertNever(d.status);
    }
  }
  const after = end.value - current;
  // A drop with no discontinuity on record (not yet detected): withhold, never go negative.
  if (after < 0) {
    flags.add('ROLLBACK_OPEN');
    unknown = true;
  }
  return result(unknown ? null : total + after, flags);
}

/** One counter's ends as far as listing is concerned. */
export type ListedCounter = { counter: string; hasValue: boolean; reported: boolean };

/**
 * Which counters a device lists when the caller asked for none: those with a value at either
 * end of the period, plus those the device reports elsewhere (a period before its first
 * reading still shows each of its own counters, flagged). A device never read shows the
 * first default counter so it still appears, flagged.
 */
export function countersToList<T extends ListedCounter>(
  all: readonly T[],
  defaults: readonly string[],
): T[] {
  const own = all.filter((c) => c.hasValue || c.reported);
  if (own.length > 0) return own;
  const first = all.find((c) => c.counter === defaults[0]) ?? all[0];
  return first ? [first] : [];
}

/**
 * What review did to the period: an excluded or waiting read after the start (the repository
 * skipped it, whether it would have been an end or lies between them), an approved read used
 * as an end, a corrected value used as an end, an estimated read (approved or corrected) used
 * as an end. A counter drop's rejected read is
 * READING_REJECTED, as when the drop lies in the period.
 */
function reviewFlags(
  flags: Set<UsageFlag>,
  start: CounterPoint | null,
  end: CounterPoint | null,
  options: { startCorrected?: boolean; endCorrected?: boolean; reviews?: readonly ReviewedRead[] },
): void {
  if ((start && options.startCorrected) || (end && options.endCorrected))
    flags.add('READ_CORRECTED');
  const after = start?.readAt.getTime() ?? -Infinity;
  const ends = new Set([start?.readAt.getTime(), end?.readAt.getTime()]);
  for (const review of options.reviews ?? []) {
    const at = review.readAt.getTime();
    switch (review.status) {
      case 'EXCLUDED':
        if (at > after) flags.add(review.drop ? 'READING_REJECTED' : 'READ_EXCLUDED');
        continue;
      case 'PENDING':
        if (at > after) flags.add('READ_AWAITING_REVIEW');
        continue;
      case 'APPROVED':
        // An accepted counter reset is ROLLBACK_REVIEWED while the drop lies in the period.
        if (!review.drop && ends.has(at)) flags.add('READ_APPROVED');
        if (review.estimated && ends.has(at)) flags.add('READ_ESTIMATED');
        continue;
      case 'CORRECTED':
        if (review.estimated && ends.has(at)) flags.add('READ_ESTIMATED');
        continue;
      default:
        assertNever(review.status);
    }
  }
}

function result(delta: number | null, flags: Set<UsageFlag>): UsageResult {
  return { delta, flags: USAGE_FLAGS.filter((flag) => flags.has(flag)) };
}

function assertNever(value: never): never {
  throw new Error(`Unexpected status ${String(value)}`);
}

/** One counter of one customer's devices over a period. */
export type CounterTotal = {
  counter: string;
  /** Sum of the known deltas (a lower bound when `incompleteDevices` > 0). */
  pages: number;
  /** Devices listing this counter. */
  devices: number;
  /** Of those, devices whose usage is unknown (delta null: see their flags). */
  incompleteDevices: number;
};

export type CustomerUsageTotal = {
  customerId: string;
  customerName: string;
  devices: number;
  counters: CounterTotal[];
};

/**
 * Per customer, per counter: the pages of its devices summed, with how many devices the sum
 * leaves out because their usage is unknown (never counted as 0 silently). Customers by name,
 * counters in `order` first, then by name.
 */
export function customerUsageTotals(
  devices: readonly {
    customerId: string;
    customerName: string;
    counters: readonly { counter: string; delta: number | null }[];
  }[],
  order: readonly string[] = [],
): CustomerUsageTotal[] {
  const customers = new Map<
    string,
    CustomerUsageTotal & { byCounter: Map<string, CounterTotal> }
  >();
  for (const device of devices) {
    let customer = customers.get(device.customerId);
    if (!customer) {
      customer = {
        customerId: device.customerId,
        customerName: device.customerName,
        devices: 0,
        counters: [],
        byCounter: new Map(),
      };
      customers.set(device.customerId, customer);
    }
    customer.devices += 1;
    for (const { counter, delta } of device.counters) {
      let total = customer.byCounter.get(counter);
      if (!total) {
        total = { counter, pages: 0, devices: 0, incompleteDevices: 0 };
        customer.byCounter.set(counter, total);
      }
      total.devices += 1;
      if (delta === null) total.incompleteDevices += 1;
      else total.pages += delta;
    }
  }
  const rank = (counter: string) => {
    const index = order.indexOf(counter);
    return index === -1 ? order.length : index;
  };
  return [...customers.values()]
    .map(({ byCounter, ...customer }) => ({
      ...customer,
      counters: [...byCounter.values()].sort(
        (a, b) => rank(a.counter) - rank(b.counter) || a.counter.localeCompare(b.counter),
      ),
    }))
    .sort(
      (a, b) =>
        a.customerName.localeCompare(b.customerName) || a.customerId.localeCompare(b.customerId),
    );
}
