import { ConflictError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class TenantNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Tenant', id);
  }
}

export class TenantSlugTakenError extends ConflictError {
  constructor(slug: string) {
    super(`The slug "${slug}" is taken`, { field: 'slug' });
  }
}
