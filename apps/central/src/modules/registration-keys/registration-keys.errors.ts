import { NotFoundError } from '../../platform/errors/domain.errors.js';

export class RegistrationKeyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('RegistrationKey', id);
  }
}

export class SiteOfCustomerNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Site', id);
  }
}
