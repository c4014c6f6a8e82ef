import { NotFoundError } from '../../platform/errors/domain.errors.js';

export class UpdateTargetNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('AgentUpdateTarget', id);
  }
}
