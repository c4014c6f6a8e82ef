import { HttpException } from '@nestjs/common';
import { DomainError, type ErrorCode } from './domain.errors.js';

/** Maps the few foreign errors that have a clear client meaning onto domain errors. */
export function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) {
    const code = HTTP_CODES[error.getStatus()];
    return code ? new DomainError(code, error.message) : null;
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

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};
