import { compareOids, isInSubtree } from './oid.js';

describe('compareOids', () => {
  it('orders arc by arc, numerically', () => {
    const sorted = [
      '1.3.6.1.2.1.43.10',
      '1.3.6.1.2.1.43.9.1',
      '1.3.6.1.2.1.43',
      '1.3.6.1.2.1.43.10.2.1.4.1.1',
      '1.3.6.1.2.1.100',
      '1.3.6.1.2.1.43.9',
    ].sort(compareOids);
    expect(sorted).toEqual([
      '1.3.6.1.2.1.43',
      '1.3.6.1.2.1.43.9',
      '1.3.6.1.2.1.43.9.1',
      '1.3.6.1.2.1.43.10',
      '1.3.6.1.2.1.43.10.2.1.4.1.1',
      '1.3.6.1.2.1.100',
    ]);
    expect(compareOids('1.3.6', '1.3.6')).toBe(0);
    expect(compareOids('1.3.6.1', '1.3.6')).toBe(1);
    expect(compareOids('1.3.6.4294967295', '1.3.6.4294967296')).toBe(-1);
  });
});

describe('isInSubtree', () => {
  it('needs a whole arc below the subtree', () => {
    expect(isInSubtree('1.3.6.1.2.1.43.11', '1.3.6.1.2.1.43.11.1.1.9.1.1')).toBe(true);
    expect(isInSubtree('1.3.6.1.2.1.43.11', '1.3.6.1.2.1.43.11')).toBe(false);
    expect(isInSubtree('1.3.6.1.2.1.43.1', '1.3.6.1.2.1.43.11.1')).toBe(false);
  });
});
