import {
  Catch,
  HttpException,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { toDomainError } from './to-domain-error.js';
import { LOGGER } from '../logging/logger.js';
import { requestContext } from '../logging/request-context.js';
import { httpStatusFor } from './domain.errors.js';

/**
 * REST counterpart of the GraphQL error formatter: `{ code, message }` with the matching
 * status; unknown errors are logged and answered 500 with the request id. GraphQL errors
 * are re-thrown so Apollo's formatter handles them.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    const known = toDomainError(exception);
    if (known) {
      const retryAfter = known.details?.['retryAfterSeconds'];
      if (typeof retryAfter === 'number') res.setHeader('retry-after', String(retryAfter));
      res.status(httpStatusFor(known.code)).json({ code: known.code, message: known.message });
      return undefined;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      res.status(exception.getStatus()).json({ code: 'HTTP_ERROR', message: exception.message });
      return undefined;
    }
    if (exception instanceof HttpException && exception.getStatus() === 503) {
      res.status(503).json(exception.getResponse());
      return undefined;
    }
    const context = requestContext.tryGet();
    (context?.logger ?? this.logger).error({ err: exception }, 'unhandled error in HTTP handler');
    res.status(500).json({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
      requestId: context?.requestId ?? null,
    });
    return undefined;
  }
}
