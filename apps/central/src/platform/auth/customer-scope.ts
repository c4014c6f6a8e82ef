import { tenantContext } from '../tenancy/tenant-context.js';

/**
 * For customer-scoped callers: may they touch rows of `customerId`? Row-level security
 * already hides other customers' rows on reads; writes that name a customer id check here
 * first, so the answer is the same NOT_FOUND a read would give.
 */
export function canReachCustomer(customerId: string): boolean {
  const scope = tenantContext.get().customerId;
  return scope === null || scope === customerId;
}
