import type { Request } from 'express';
import type { Actor } from '../tenancy/tenant-context.js';

/**
 * Who made the request, as resolved by the auth guard. Platform operators belong to the
 * PLATFORM tenant, so every principal has a tenant; operators reach other tenants only
 * through the platform-operator resolvers. `sessionId` is set for portal sessions.
 */
export type Principal = {
  readonly actor: Actor;
  readonly tenantId: string;
  readonly customerId: string | null;
  readonly sessionId?: string;
};

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

export function getPrincipal(req: Request): Principal | undefined {
  return principals.get(req);
}

/** A short, log-safe description of the actor (ids only). */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`;
    case 'apiKey':
      return `apiKey:${actor.apiKeyId}`;
    case 'agent':
      return `agent:${actor.agentId}`;
    case 'system':
      return `system:${actor.name}`;
  }
}
