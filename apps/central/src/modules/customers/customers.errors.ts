import { ConflictError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class CustomerNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Customer', id);
  }
}

export class CustomerAlreadyArchivedError extends ConflictError {
  constructor(id: string, archivedAt: Date) {
    super(`This customer was already archived on ${archivedAt.toISOString()}.`, {
      id,
      archivedAt: archivedAt.toISOString(),
    });
  }
}

export class CustomerNotArchivedError extends ConflictError {
  constructor(id: string) {
    super('This customer is not archived; there is nothing to restore.', { id });
  }
}

export class CustomerDeletionPendingError extends ConflictError {
  constructor(id: string, requestedAt: Date) {
    super(
      `Deletion of this customer was requested on ${requestedAt.toISOString()}; cancel the deletion first.`,
      { id, deletionRequestedAt: requestedAt.toISOString() },
    );
  }
}

export class NoCustomerDeletionPendingError extends ConflictError {
  constructor(id: string) {
    super('No deletion of this customer is pending.', { id });
  }
}
