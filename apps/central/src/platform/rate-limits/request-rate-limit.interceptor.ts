import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import { from, switchMap, type Observable } from 'rxjs';
import { describeActor, getPrincipal } from '../auth/principal.js';
import { requestOf } from '../auth/request-of.js';
import { RateLimits } from './rate-limits.js';

/**
 * Counts each authenticated request once against its principal's limit (`RateLimits.request`):
 * the first guarded root field of a GraphQL operation takes the point, its siblings share it,
 * and field resolvers pass straight through.
 */
@Injectable()
export class RequestRateLimitInterceptor implements NestInterceptor {
  private readonly counted = new WeakMap<Request, Promise<void>>();

  constructor(@Inject(RateLimits) private readonly limits: RateLimits) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() === 'graphql') {
      const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
      if (info.path.prev !== undefined) return next.handle();
    }
    const req = requestOf(context);
    const principal = getPrincipal(req);
    if (!principal || principal.actor.kind === 'agent') return next.handle();
    let counted = this.counted.get(req);
    if (!counted) {
      counted = this.limits.request(describeActor(principal.actor));
      this.counted.set(req, counted);
    }
    return from(counted).pipe(switchMap(() => next.handle()));
  }
}
