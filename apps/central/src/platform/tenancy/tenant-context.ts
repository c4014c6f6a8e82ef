import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting. Resolved once per request by the auth guard (or the agent gateway). */
export type Actor =
  | { kind: 'user'; userId: string; role: UserRoleName }
  | { kind: 'apiKey'; apiKeyId: string; scopes: readonly string[] }
  | { kind: 'agent'; agentId: string }
  | { kind: 'system'; name: string };

export type UserRoleName =
  | 'PLATFORM_OPERATOR'
  | 'DEALER_ADMIN'
  | 'DEALER_TECHNICIAN'
  | 'DEALER_BILLING'
  | 'CUSTOMER_ADMIN'
  | 'CUSTOMER_VIEWER';

/**
 * The one request-scoped tenancy fact. `customerId` is set for customer-scoped users
 * (and agents, which belong to one customer): they see only that customer's rows.
 */
export type TenantContext = {
  tenantId: string;
  customerId: string | null;
  actor: Actor;
};

export class TenantContextNotSetError extends Error {
  readonly code = 'TENANT_CONTEXT_NOT_SET';
  constructor() {
    super('Tenant context not set: tenant data was reached outside an authenticated request');
  }
}

const storage = new AsyncLocalStorage<TenantContext>();

export const tenantContext = {
  run<T>(context: TenantContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  /** The current context; throws when none is set, so a forgotten scope fails loudly. */
  get(): TenantContext {
    const context = storage.getStore();
    if (!context) throw new TenantContextNotSetError();
    return context;
  },
  tryGet(): TenantContext | undefined {
    return storage.getStore();
  },
};
