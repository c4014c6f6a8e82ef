import { ConflictError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class MeterDiscontinuityNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('MeterDiscontinuity', id);
  }
}

export class MeterDiscontinuityAlreadyReviewedError extends ConflictError {
  constructor(id: string, status: string) {
    super('This discontinuity was already reviewed', { id, status });
  }
}

export class MeterReadReviewNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('MeterReadReview', id);
  }
}

export class MeterReadAlreadyReviewedError extends ConflictError {
  constructor(id: string, status: string) {
    super('This read was already reviewed', { id, status });
  }
}
