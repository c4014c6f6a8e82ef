import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestContext } from './request-context.js';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Express middleware, mounted first: gives every request an id (the caller's
 * `x-request-id` when it is well-formed), a child logger, and one access-log line. Only the
 * path is logged, never the query string or headers, which can carry tokens.
 */
export function requestLoggingMiddleware(root: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers['x-request-id'];
    const requestId =
      typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    const context = { requestId, logger: root.child({ requestId }) };
    const started = process.hrtime.bigint();
    // Captured now: mounted routers (Apollo at /graphql) rewrite req.path on the way down.
    const path = req.originalUrl.split('?')[0];
    res.on('finish', () => {
      context.logger.info(
        {
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        },
        'request completed',
      );
    });
    requestContext.run(context, next);
  };
}
