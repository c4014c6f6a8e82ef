import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { UserRoleName } from '../tenancy/tenant-context.js';
import { UnauthenticatedError } from '../errors/domain.errors.js';
import { IS_PUBLIC, ROLES, SCOPES } from './auth.decorators.js';
import { Authenticator } from './authenticator.js';
import { authorize } from './authorize.js';
import { describeActor, getPrincipal, setPrincipal, type Principal } from './principal.js';
import { requestContext } from '../logging/request-context.js';
import { requestOf } from './request-of.js';

/**
 * The one global guard (APP_GUARD) for REST and GraphQL: deny by default, authenticate the
 * bearer token (session JWT or API key), check `@Roles`/`@Scopes`. The tenant context is
 * entered by `TenantContextInterceptor`, because a guard cannot wrap the handler.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly pending = new WeakMap<Request, Promise<Principal>>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const principal = await this.principalOf(requestOf(context));
    authorize(principal, {
      roles: this.reflector.getAllAndOverride<UserRoleName[] | undefined>(ROLES, targets),
      scopes: this.reflector.getAllAndOverride<string[] | undefined>(SCOPES, targets),
    });
    return true;
  }

  /**
   * Authenticates once per request: root fields of one GraphQL operation are guarded in
   * parallel, so they share the pending authentication.
   */
  private principalOf(req: Request): Promise<Principal> {
    const known = getPrincipal(req);
    if (known) return Promise.resolve(known);
    let pending = this.pending.get(req);
    if (!pending) {
      pending = this.authenticate(req);
      this.pending.set(req, pending);
    }
    return pending;
  }

  private async authenticate(req: Request): Promise<Principal> {
    const token = bearerToken(req);
    if (!token) throw new UnauthenticatedError();
    const principal = await this.authenticator.authenticate(token);
    setPrincipal(req, principal);
    requestContext.bind({ tenantId: principal.tenantId, actor: describeActor(principal.actor) });
    return principal;
  }
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
  return match[1];
}
