import { BadUserInputError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class WebhookEndpointNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('WebhookEndpoint', id);
  }
}

/** The delivery row is not visible yet (the emitting transaction has not committed): retry. */
export class WebhookDeliveryNotVisibleError extends Error {
  readonly code = 'WEBHOOK_DELIVERY_NOT_VISIBLE';
  constructor(id: string) {
    super(`Webhook delivery ${id} is not visible yet`);
  }
}

/** The receiver did not answer 2xx: pg-boss retries with backoff. */
export class WebhookDeliveryFailedError extends Error {
  readonly code = 'WEBHOOK_DELIVERY_FAILED';
  constructor(message: string) {
    super(message);
  }
}

export class WebhookTargetNotAllowedError extends BadUserInputError {
  constructor(reason: string) {
    super(`Webhook URL refused: ${reason}`, [{ field: 'url', message: reason }]);
  }
}
