import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UserRoleName } from '../tenancy/tenant-context.js';
import { UnauthenticatedError } from '../errors/domain.errors.js';
import { getPrincipal, type Principal } from './principal.js';
import { requestOf } from './request-of.js';
import type { ApiKeyScope } from './api-key-scopes.js';

export const IS_PUBLIC = 'printbeat:isPublic';
export const ROLES = 'printbeat:roles';
export const SCOPES = 'printbeat:scopes';

/** No authentication. Everything not marked so is denied to anonymous callers. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The user roles allowed to call this handler. Without it, no user may. */
export const Roles = (...roles: UserRoleName[]) => SetMetadata(ROLES, roles);

/** The API-key scopes (all of them) a key needs for this handler. Without it, no key may. */
export const Scopes = (...scopes: ApiKeyScope[]) => SetMetadata(SCOPES, scopes);

export const ALL_ROLES: UserRoleName[] = [
  'PLATFORM_OPERATOR',
  'DEALER_ADMIN',
  'DEALER_TECHNICIAN',
  'DEALER_BILLING',
  'CUSTOMER_ADMIN',
  'CUSTOMER_VIEWER',
];
export const TENANT_ROLES: UserRoleName[] = ALL_ROLES.filter(
  (role) => role !== 'PLATFORM_OPERATOR',
);
export const DEALER_ROLES: UserRoleName[] = ['DEALER_ADMIN', 'DEALER_TECHNICIAN', 'DEALER_BILLING'];

/** The authenticated principal of the current request (resolver or controller parameter). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = getPrincipal(requestOf(context));
    if (!principal) throw new UnauthenticatedError();
    return principal;
  },
);
