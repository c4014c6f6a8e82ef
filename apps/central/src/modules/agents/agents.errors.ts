import { NotFoundError } from '../../platform/errors/domain.errors.js';

export class AgentNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Agent', id);
  }
}
