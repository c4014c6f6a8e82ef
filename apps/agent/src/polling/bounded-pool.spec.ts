import { forEachBounded } from './bounded-pool.js';

describe('forEachBounded', () => {
  it('never runs more than the limit at once and visits every item with its index', async () => {
    let running = 0;
    let peak = 0;
    const seen: Array<[number, number]> = [];
    await forEachBounded([10, 11, 12, 13, 14, 15, 16], 3, async (item, index) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (item % 3)));
      seen.push([item, index]);
      running -= 1;
    });
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a[1] - b[1])).toEqual([
      [10, 0],
      [11, 1],
      [12, 2],
      [13, 3],
      [14, 4],
      [15, 5],
      [16, 6],
    ]);
  });

  it('pulls items lazily from the iterable', async () => {
    let pulled = 0;
    function* items(): Generator<number> {
      for (let i = 0; i < 1_000_000; i += 1) {
        pulled += 1;
        yield i;
      }
    }
    const controller = new AbortController();
    await forEachBounded(
      items(),
      2,
      async (item) => {
        if (item === 5) controller.abort();
        await Promise.resolve();
      },
      controller.signal,
    );
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a concurrency below 1', async () => {
    await expect(forEachBounded([1], 0, () => Promise.resolve())).rejects.toThrow(RangeError);
  });
});
