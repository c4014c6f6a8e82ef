import { PayloadError, httpStatusFor as payloadHttpStatus } from '@printbeat/payload';
import { ZodError } from 'zod';
import { toDomainError } from '../platform/errors/to-domain-error.js';
import {
  DomainError,
  DomainRefusal,
  httpStatusFor as domainHttpStatus,
} from '../platform/errors/domain.errors.js';
import type { RefusalScope } from '../modules/audit/refusal-scope.js';
import { EnrollmentRefusedError } from '../modules/enrollment/enrollment.errors.js';
import { UploadsBusyError } from '../modules/uploads/uploads.errors.js';

/** Codes of docs/agent-protocol.md that are the gateway's own (payload codes come from @printbeat/payload). */
export type GatewayErrorCode =
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'CERTIFICATE_REQUIRED'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_UNTRUSTED'
  | 'CERTIFICATE_REVOKED'
  | 'AGENT_REVOKED'
  | 'AGENT_DISABLED'
  | 'TOO_LARGE'
  | 'INTERNAL_ERROR';

const GATEWAY_STATUS: Record<GatewayErrorCode, number> = {
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  CERTIFICATE_REQUIRED: 401,
  CERTIFICATE_EXPIRED: 401,
  CERTIFICATE_UNTRUSTED: 401,
  CERTIFICATE_REVOKED: 403,
  AGENT_REVOKED: 403,
  AGENT_DISABLED: 403,
  TOO_LARGE: 413,
  INTERNAL_ERROR: 500,
};

/** A refusal of the gateway itself (authentication, routing), answered with its code's status. */
export class GatewayRefusal extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly scope?: RefusalScope,
  ) {
    super(message);
    this.name = 'GatewayRefusal';
  }
}

/** What the agent is answered: `status`, headers and `{ error: { code, message, requestId } }`. */
export type RefusalShape = {
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  /** The tenant to audit the refusal in when no agent is authenticated yet. */
  scope?: RefusalScope;
};

/**
 * The one map from any error to the agent protocol's answer. Domain errors keep the status of
 * their generic code; a refusal's own reason (REGISTRATION_KEY_EXPIRED, COMMAND_FINAL…) is
 * the code the agent reads.
 */
export function toRefusal(error: unknown): RefusalShape {
  if (error instanceof GatewayRefusal)
    return refusal(GATEWAY_STATUS[error.code], error.code, error.message, {}, error.scope);
  if (error instanceof PayloadError)
    return refusal(payloadHttpStatus(error.code), error.code, error.message);
  if (error instanceof UploadsBusyError)
    return refusal(503, error.code, error.message, {
      'retry-after': String(error.retryAfterSeconds),
    });
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const message = first
      ? `${first.path.join('.') || 'body'}: ${first.message}`
      : 'Invalid request';
    return refusal(GATEWAY_STATUS.INVALID_REQUEST, 'INVALID_REQUEST', message);
  }
  const known = toDomainError(error);
  if (known) return domainRefusal(known);
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large')
    return refusal(GATEWAY_STATUS.TOO_LARGE, 'TOO_LARGE', 'Request body too large');
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return refusal(GATEWAY_STATUS.INVALID_REQUEST, 'INVALID_REQUEST', 'Malformed request body');
  return refusal(GATEWAY_STATUS.INTERNAL_ERROR, 'INTERNAL_ERROR', 'Internal server error');
}

function domainRefusal(error: DomainError): RefusalShape {
  const status = domainHttpStatus(error.code);
  const scope = error instanceof EnrollmentRefusedError ? error.scope : undefined;
  if (error instanceof DomainRefusal)
    return refusal(status, error.reason, error.message, {}, scope);
  const retryAfter = error.details?.['retryAfterSeconds'];
  const headers: Record<string, string> =
    typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {};
  if (error.code === 'TOO_MANY_REQUESTS')
    return refusal(status, 'RATE_LIMITED', error.message, headers);
  return refusal(status, error.code, error.message, headers);
}

function refusal(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  scope?: RefusalScope,
): RefusalShape {
  return scope ? { status, code, message, headers, scope } : { status, code, message, headers };
}
