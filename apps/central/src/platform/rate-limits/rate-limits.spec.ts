import { MAX_SIGN_IN_BACKOFF_SECONDS, signInBackoffSeconds } from './rate-limits.js';

describe('signInBackoffSeconds', () => {
  it('lets the first failures through, then doubles the wait up to the cap', () => {
    expect([1, 2, 3, 4].map((failures) => signInBackoffSeconds(failures, 5))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((failures) => signInBackoffSeconds(failures, 5))).toEqual([
      5, 10, 20, 40,
    ]);
    expect(signInBackoffSeconds(12, 5)).toBe(640);
    expect(signInBackoffSeconds(13, 5)).toBe(MAX_SIGN_IN_BACKOFF_SECONDS);
    expect(signInBackoffSeconds(10_000, 5)).toBe(MAX_SIGN_IN_BACKOFF_SECONDS);
  });
});
