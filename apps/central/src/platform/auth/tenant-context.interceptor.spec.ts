import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { defer, firstValueFrom } from 'rxjs';
import { tenantContext } from '../tenancy/tenant-context.js';
import { setPrincipal, type Principal } from './principal.js';
import { TenantContextInterceptor } from './tenant-context.interceptor.js';

const principal: Principal = {
  actor: { kind: 'user', userId: 'u1', role: 'CUSTOMER_ADMIN' },
  tenantId: 't1',
  customerId: 'c1',
};

function contextFor(req: Request): ExecutionContext {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('TenantContextInterceptor', () => {
  it('runs the handler, and everything it awaits, inside the principal’s tenant context', async () => {
    const req = { headers: {} } as Request;
    setPrincipal(req, principal);
    const handler: CallHandler = {
      handle: () =>
        defer(async () => {
          const before = tenantContext.get();
          await new Promise((resolve) => setTimeout(resolve, 5));
          const after = tenantContext.get();
          return { before, after };
        }),
    };
    const result = await firstValueFrom(
      new TenantContextInterceptor().intercept(contextFor(req), handler),
    );
    expect(result).toEqual({
      before: { tenantId: 't1', customerId: 'c1', actor: principal.actor },
      after: { tenantId: 't1', customerId: 'c1', actor: principal.actor },
    });
    expect(tenantContext.tryGet()).toBeUndefined();
  });

  it('leaves public requests without a tenant context', async () => {
    const handler: CallHandler = {
      handle: () => defer(() => Promise.resolve(tenantContext.tryGet() ?? null)),
    };
    const result = await firstValueFrom(
      new TenantContextInterceptor().intercept(contextFor({ headers: {} } as Request), handler),
    );
    expect(result).toBeNull();
  });

  it('keeps concurrent requests apart', async () => {
    const run = (tenantId: string, delay: number) => {
      const req = { headers: {} } as Request;
      setPrincipal(req, { ...principal, tenantId });
      const handler: CallHandler = {
        handle: () =>
          defer(async () => {
            await new Promise((resolve) => setTimeout(resolve, delay));
            return tenantContext.get().tenantId;
          }),
      };
      return firstValueFrom(new TenantContextInterceptor().intercept(contextFor(req), handler));
    };
    await expect(Promise.all([run('a', 20), run('b', 1), run('c', 10)])).resolves.toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
