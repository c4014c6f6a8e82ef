import { NotFoundError } from '../../platform/errors/domain.errors.js';

export class DeviceNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Device', id);
  }
}
