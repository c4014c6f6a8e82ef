import { describe, expect, it } from 'vitest';
import { changeSummary } from './audit-change';

describe('changeSummary', () => {
  it('lists the fields a reviewed read changed, before → after', () => {
    expect(
      changeSummary({
        decision: 'CORRECT',
        before: { status: 'PENDING', value: 10_800, reason: null },
        after: { status: 'CORRECTED', value: 10_600, reason: 'contract meter' },
      }),
    ).toBe('status: PENDING → CORRECTED; value: 10,800 → 10,600; reason: — → contract meter');
  });

  it('says nothing for details without before and after, or without a change', () => {
    expect(changeSummary({ action: 'ACCEPT_RESET' })).toBeNull();
    expect(changeSummary(null)).toBeNull();
    expect(changeSummary({ before: { a: 1 }, after: { a: 1 } })).toBeNull();
  });
});
