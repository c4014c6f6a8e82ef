// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { linkTokenFrom } from './link-token';

describe('linkTokenFrom', () => {
  it('reads the token from the fragment of an e-mailed link', () => {
    expect(linkTokenFrom('#token=pbl_abc-DEF_123')).toBe('pbl_abc-DEF_123');
    expect(linkTokenFrom('token=pbl_x&other=1')).toBe('pbl_x');
  });

  it('finds none in an empty or foreign fragment', () => {
    expect(linkTokenFrom('')).toBeNull();
    expect(linkTokenFrom('#token=')).toBeNull();
    expect(linkTokenFrom('#section-2')).toBeNull();
  });
});
