import { NotFoundError } from '../../platform/errors/domain.errors.js';

export class ApiKeyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('ApiKey', id);
  }
}
