import { EventBatch } from './event-batch.js';

describe('EventBatch', () => {
  it('holds events for one window from the first, then gives them all at once', () => {
    const batch = new EventBatch<string>({ windowMs: 15_000, maxDevices: 100 });
    expect(batch.dueAt()).toBeNull();
    batch.add('a', 'jam', 1000);
    batch.add('b', 'toner 10 %', 9000);
    expect(batch.dueAt()).toBe(16_000);
    expect(batch.take(15_999)).toEqual([]);
    expect(batch.take(16_000)).toEqual([
      { address: 'a', event: 'jam' },
      { address: 'b', event: 'toner 10 %' },
    ]);
    expect(batch.dueAt()).toBeNull();
    expect(batch.size).toBe(0);
  });

  it('keeps only the newest event of a printer that flaps within the window', () => {
    const batch = new EventBatch<string>({ windowMs: 15_000, maxDevices: 100 });
    for (let i = 0; i < 50; i++) batch.add('a', i % 2 === 0 ? 'jam' : 'clear', i * 100);
    batch.add('b', 'door', 200);
    expect(batch.take(15_000)).toEqual([
      { address: 'a', event: 'clear' },
      { address: 'b', event: 'door' },
    ]);
  });

  it('caps an upload at maxDevices; the rest go a window later, longest waiting first', () => {
    const batch = new EventBatch<number>({ windowMs: 10_000, maxDevices: 2 });
    for (const [i, address] of ['a', 'b', 'c', 'd', 'e'].entries()) batch.add(address, i, 0);
    expect(batch.take(10_000).map((e) => e.address)).toEqual(['a', 'b']);
    expect(batch.dueAt()).toBe(20_000);
    expect(batch.take(15_000)).toEqual([]);
    expect(batch.take(20_000).map((e) => e.address)).toEqual(['c', 'd']);
    expect(batch.take(30_000).map((e) => e.address)).toEqual(['e']);
  });

  it('takes back events it could not send, keeping a newer event of the same printer', () => {
    const batch = new EventBatch<string>({ windowMs: 10_000, maxDevices: 10 });
    batch.add('a', 'old', 0);
    batch.add('b', 'b1', 0);
    const taken = batch.take(10_000);
    batch.add('a', 'new', 11_000);
    batch.restore(taken, 12_000);
    expect(batch.take(21_000)).toEqual([
      { address: 'a', event: 'new' },
      { address: 'b', event: 'b1' },
    ]);
  });
});
