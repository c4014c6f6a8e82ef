/** Stable error codes, surfaced as GraphQL `extensions.code` and in HTTP error bodies. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR';

/**
 * Base of every error a client is meant to see. Anything else that escapes a resolver is
 * an internal error: logged, and shown only as "Internal server error" with a request id.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A refusal precise enough to have a code of its own (e.g. REGISTRATION_KEY_EXPIRED) beneath
 * its generic `code`: GraphQL shows it as `extensions.reason`, the agent gateway as its code.
 */
export class DomainRefusal extends DomainError {
  constructor(
    code: ErrorCode,
    readonly reason: string,
    message: string,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super(code, message, { ...details, reason });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Not allowed') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} not found`, { entity, id });
  }
}

export type FieldProblem = { field: string; message: string };

export class BadUserInputError extends DomainError {
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super('BAD_USER_INPUT', message, problems.length > 0 ? { problems } : undefined);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('CONFLICT', message, details);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', message, { retryAfterSeconds });
  }
}

/** Central cannot serve the request now (database unreachable, overloaded): try again later. */
export class ServiceUnavailableError extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super('SERVICE_UNAVAILABLE', message, { retryAfterSeconds, retryable: true });
  }
}

export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'BAD_USER_INPUT':
    case 'QUERY_TOO_COMPLEX':
      return 400;
    case 'CONFLICT':
      return 409;
    case 'TOO_MANY_REQUESTS':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INTERNAL_SERVER_ERROR':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable: ${String(value)}`);
}
