import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain.errors.js';
import { Public, Roles, Scopes } from './auth.decorators.js';
import { AuthGuard } from './auth.guard.js';
import { Authenticator } from './authenticator.js';
import { getPrincipal, type Principal } from './principal.js';

const dealerAdmin: Principal = {
  actor: { kind: 'user', userId: 'u1', role: 'DEALER_ADMIN' },
  tenantId: 't1',
  customerId: null,
};
const billingKey: Principal = {
  actor: { kind: 'apiKey', apiKeyId: 'k1', scopes: ['meters:read'] },
  tenantId: 't1',
  customerId: null,
};

/** Explicit fake: knows two tokens, rejects the rest, counts calls. */
class FakeAuthenticator extends Authenticator {
  calls = 0;
  override authenticate(token: string): Promise<Principal> {
    this.calls += 1;
    if (token === 'admin-token') return Promise.resolve(dealerAdmin);
    if (token === 'key-token') return Promise.resolve(billingKey);
    return Promise.reject(new UnauthenticatedError('Access token invalid'));
  }
}

class Handlers {
  @Public()
  health(): void {}
  unmarked(): void {}
  @Roles('DEALER_ADMIN')
  adminOnly(): void {}
  @Roles('PLATFORM_OPERATOR')
  operatorOnly(): void {}
  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Scopes('meters:read')
  meters(): void {}
  @Roles('DEALER_ADMIN')
  @Scopes('supplies:write')
  orderSupplies(): void {}
}

function httpContext(handler: keyof Handlers, req: Partial<Request>): ExecutionContext {
  const request = { headers: {}, ...req } as Request;
  return {
    getType: () => 'http',
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({}),
      getNext: () => undefined,
    }),
  } as unknown as ExecutionContext;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('AuthGuard', () => {
  let authenticator: FakeAuthenticator;
  let guard: AuthGuard;
  beforeEach(() => {
    authenticator = new FakeAuthenticator();
    guard = new AuthGuard(new Reflector(), authenticator);
  });

  it('lets anonymous callers reach @Public handlers without authenticating', async () => {
    await expect(guard.canActivate(httpContext('health', {}))).resolves.toBe(true);
    expect(authenticator.calls).toBe(0);
  });

  it('denies a missing token with UNAUTHENTICATED', async () => {
    await expect(guard.canActivate(httpContext('adminOnly', {}))).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('denies a malformed Authorization header', async () => {
    await expect(
      guard.canActivate(httpContext('adminOnly', { headers: { authorization: 'Basic abc' } })),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('denies a bad token with UNAUTHENTICATED', async () => {
    await expect(
      guard.canActivate(httpContext('adminOnly', bearer('forged'))),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('allows a matching role and records the principal on the request', async () => {
    const context = httpContext('adminOnly', bearer('admin-token'));
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(getPrincipal(context.switchToHttp().getRequest())).toBe(dealerAdmin);
  });

  it('denies a role the handler does not name with FORBIDDEN', async () => {
    await expect(
      guard.canActivate(httpContext('operatorOnly', bearer('admin-token'))),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('denies authenticated users on handlers that name no role (deny by default)', async () => {
    await expect(
      guard.canActivate(httpContext('unmarked', bearer('admin-token'))),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('allows an API key holding the scope', async () => {
    await expect(guard.canActivate(httpContext('meters', bearer('key-token')))).resolves.toBe(true);
  });

  it('denies an API key without the scope with FORBIDDEN', async () => {
    await expect(
      guard.canActivate(httpContext('orderSupplies', bearer('key-token'))),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'API key lacks scope supplies:write',
    });
  });

  it('denies API keys on handlers that declare no scope', async () => {
    await expect(
      guard.canActivate(httpContext('adminOnly', bearer('key-token'))),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('authenticates once for root fields guarded in parallel', async () => {
    const context = httpContext('adminOnly', bearer('admin-token'));
    await Promise.all([
      guard.canActivate(context),
      guard.canActivate(context),
      guard.canActivate(context),
    ]);
    expect(authenticator.calls).toBe(1);
  });

  it('authenticates once per request', async () => {
    const req = bearer('admin-token');
    const request = { ...req } as Partial<Request>;
    const first = httpContext('adminOnly', request);
    const shared = first.switchToHttp().getRequest<Request>();
    const second = {
      ...first,
      switchToHttp: () => ({ getRequest: () => shared }),
    } as unknown as ExecutionContext;
    await guard.canActivate(first);
    await guard.canActivate(second);
    expect(authenticator.calls).toBe(1);
  });
});
