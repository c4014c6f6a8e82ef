/**
 * Runs `work` over `items` with at most `concurrency` running at once, pulling items lazily
 * (a /16 is never materialised as 65,536 promises). Stops taking new items once `signal`
 * aborts; work already started finishes. `work` must not throw: failures are results.
 */
export async function forEachBounded<T>(
  items: Iterable<T>,
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const iterator = items[Symbol.iterator]();
  let index = 0;
  let exhausted = false;
  const next = (): { item: T; index: number } | undefined => {
    if (exhausted || signal?.aborted === true) return undefined;
    const step = iterator.next();
    if (step.done === true) {
      exhausted = true;
      return undefined;
    }
    return { item: step.value, index: index++ };
  };
  const worker = async (): Promise<void> => {
    for (let entry = next(); entry !== undefined; entry = next()) {
      await work(entry.item, entry.index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
}
