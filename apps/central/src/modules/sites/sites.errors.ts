import { ConflictError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class SiteNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Site', id);
  }
}

export class SiteNameTakenError extends ConflictError {
  constructor(name: string) {
    super(`The customer already has a site named "${name}"`, { field: 'name' });
  }
}
