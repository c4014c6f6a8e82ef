import { HttpException } from '@nestjs/common';
import { DomainError, ServiceUnavailableError, type ErrorCode } from './domain.errors.js';

/** What clients are told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

/** Maps the few foreign errors that have a clear client meaning onto domain errors. */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) {
    const code = HTTP_CODES[error.getStatus()];
    return code ? new DomainError(code, error.message) : null;
  }
  if (isDatabaseUnavailable(error)) {
    return new ServiceUnavailableError(
      'The database is unavailable; try again shortly',
      DATABASE_RETRY_AFTER_SECONDS,
    );
  }
  // Prisma's known request errors, duck-typed to keep platform/errors free of the client.
  if (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'PrismaClientKnownRequestError'
  ) {
    switch ((error as { code?: unknown }).code) {
      case 'P2002':
        return new DomainError('CONFLICT', 'A record with these values already exists');
      // A composite (tenant_id, x_id) foreign key refused a row of another tenant or customer.
      case 'P2003':
        return new DomainError('NOT_FOUND', 'A referenced record does not exist');
      case 'P2025':
        return new DomainError('NOT_FOUND', 'Record not found');
      default:
        return null;
    }
  }
  return null;
}

/** Node network errors and PostgreSQL/Prisma codes that mean "no database right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  'P1001', // cannot reach the database server
  'P1002', // the server was reached but timed out
  'P1017', // the server closed the connection
  'P2024', // timed out fetching a connection from the pool
  'P2028', // transaction API error (e.g. unable to start a transaction in time)
]);

/**
 * Whether the error (or one it wraps: Prisma's driver adapter nests the pg error) says the
 * database could not be reached or took no more work, as opposed to refusing this request.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, name, message, cause } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08')))
    return true;
  if (name === 'PrismaClientInitializationError') return true;
  if (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Unable to start a transaction|Can't reach database server/i.test(
      message,
    )
  )
    return true;
  // Prisma's raw-query error (P2010) carries the driver's error in meta, not in cause.
  const adapterError = (error as { meta?: { driverAdapterError?: unknown } }).meta
    ?.driverAdapterError;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(adapterError, depth + 1);
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};
