import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable } from 'rxjs';
import { tenantContext, type TenantContext } from '../tenancy/tenant-context.js';
import { getPrincipal } from './principal.js';
import { requestOf } from './request-of.js';

/**
 * Runs the rest of the request (pipes, handler, everything it awaits) inside the tenant
 * context of the principal the guard resolved. `next.handle()` is called inside `run`, so
 * Nest's deferred handler binds to that async scope.
 */
@Injectable()
export class TenantContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = getPrincipal(requestOf(context));
    if (!principal) return next.handle();

    const scope: TenantContext = {
      tenantId: principal.tenantId,
      customerId: principal.customerId,
      actor: principal.actor,
    };
    return new Observable((subscriber) => {
      const subscription = tenantContext.run(scope, () => next.handle().subscribe(subscriber));
      return () => subscription.unsubscribe();
    });
  }
}
