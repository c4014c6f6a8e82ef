import { jest } from '@jest/globals';
import { closeWithin } from './close-within.js';

describe('closeWithin', () => {
  it('returns closed when the close settles in time, without calling onLate', async () => {
    const onLate = jest.fn<() => void>();
    await expect(
      closeWithin(() => new Promise((resolve) => setTimeout(resolve, 5)), 1_000, onLate),
    ).resolves.toBe('closed');
    expect(onLate).not.toHaveBeenCalled();
  });

  it('gives up after the deadline and reports once', async () => {
    const onLate = jest.fn<() => void>();
    const started = Date.now();
    await expect(closeWithin(() => new Promise(() => undefined), 50, onLate)).resolves.toBe(
      'timed-out',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(onLate).toHaveBeenCalledTimes(1);
  });

  it('passes a failing close on', async () => {
    await expect(
      closeWithin(
        () => Promise.reject(new Error('boom')),
        1_000,
        () => undefined,
      ),
    ).rejects.toThrow('boom');
  });
});
