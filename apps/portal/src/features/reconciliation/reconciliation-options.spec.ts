import { describe, expect, it } from 'vitest';
import {
  parseReconciliationOptions,
  reconciliationSearchParams,
  reconciliationVariables,
} from './reconciliation-options';

describe('reconciliation options in the URL', () => {
  it('round-trips customer, day and silent days; defaults stay out of the URL', () => {
    const query = 'customer=c-1&date=2026-11-30&silentDays=14';
    const options = parseReconciliationOptions(new URLSearchParams(query));
    expect(reconciliationSearchParams(options).toString()).toBe(query);
    expect(reconciliationVariables(options)).toEqual({
      customerId: 'c-1',
      billingDate: '2026-11-30T23:59:59.999Z',
      silentDays: 14,
    });
  });

  it('falls back to now and 7 days for values the server would refuse', () => {
    const options = parseReconciliationOptions(new URLSearchParams('date=30.11.2026&silentDays=0'));
    expect(reconciliationSearchParams(options).toString()).toBe('');
    expect(reconciliationVariables(options)).toEqual({
      customerId: null,
      billingDate: null,
      silentDays: 7,
    });
  });
});
