import { BadUserInputError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class WebhookEndpointNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('WebhookEndpoint', id);
  }
}

export class WebhookTargetNotAllowedError extends BadUserInputError {
  constructor(reason: string) {
    super(`Webhook URL refused: ${reason}`, [{ field: 'url', message: reason }]);
  }
}
