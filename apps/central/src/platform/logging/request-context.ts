import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** Per-request facts that are not about tenancy: the request id and its child logger. */
export type RequestContext = {
  readonly requestId: string;
  logger: Logger;
};

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  tryGet(): RequestContext | undefined {
    return storage.getStore();
  },
  /** The request's child logger, or `fallback` outside a request (boot, background work). */
  logger(fallback: Logger): Logger {
    return storage.getStore()?.logger ?? fallback;
  },
  /** Adds bindings (tenantId, actor) to the current request's logger. */
  bind(bindings: Record<string, unknown>): void {
    const context = storage.getStore();
    if (context) context.logger = context.logger.child(bindings);
  },
};
