import type { UserRoleName } from '../tenancy/tenant-context.js';
import { ForbiddenError } from '../errors/domain.errors.js';
import type { Principal } from './principal.js';

export type Requirements = {
  roles: readonly UserRoleName[] | undefined;
  scopes: readonly string[] | undefined;
};

/**
 * The one authorisation decision. Deny unless the handler names the caller's role (users)
 * or every scope it needs (API keys); agents never reach GraphQL or REST handlers.
 */
export function authorize(principal: Principal, { roles, scopes }: Requirements): void {
  const { actor } = principal;
  switch (actor.kind) {
    case 'user':
      if (!roles?.includes(actor.role))
        throw new ForbiddenError(`Role ${actor.role} may not do this`);
      return;
    case 'apiKey': {
      if (!scopes || scopes.length === 0) throw new ForbiddenError('API keys may not do this');
      const missing = scopes.filter((scope) => !actor.scopes.includes(scope));
      if (missing.length > 0) throw new ForbiddenError(`API key lacks scope ${missing.join(', ')}`);
      return;
    }
    case 'agent':
    case 'system':
      throw new ForbiddenError();
  }
}
