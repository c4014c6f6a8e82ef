import { BadUserInputError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class NotificationPolicyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('NotificationPolicy', id);
  }
}

export class InvalidNotificationPolicyError extends BadUserInputError {
  constructor(field: string, message: string) {
    super(`Notification policy refused: ${field} ${message}`, [{ field, message }]);
  }
}
