import { isCanonicalCounter } from './counters.js';

describe('isCanonicalCounter', () => {
  it('accepts canonical names and rejects others', () => {
    expect(isCanonicalCounter('printMono')).toBe(true);
    expect(isCanonicalCounter('kyocera.a3')).toBe(false);
  });
});
