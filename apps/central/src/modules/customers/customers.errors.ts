import { NotFoundError } from '../../platform/errors/domain.errors.js';

export class CustomerNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Customer', id);
  }
}
