import {
  BadUserInputError,
  ConflictError,
  DomainRefusal,
  ForbiddenError,
  NotFoundError,
} from '../../platform/errors/domain.errors.js';

export class UserNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('User', id);
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('A user with this email already exists', { field: 'email' });
  }
}

export class RoleNotAssignableError extends ForbiddenError {
  constructor(role: string) {
    super(`You may not create users with role ${role}`);
  }
}

export class CustomerRequiredError extends BadUserInputError {
  constructor(role: string) {
    super(`Role ${role} needs a customerId`, [
      { field: 'input.customerId', message: `is required for ${role}` },
    ]);
  }
}

export class CustomerNotAllowedError extends BadUserInputError {
  constructor(role: string) {
    super(`Role ${role} is not bound to a customer`, [
      { field: 'input.customerId', message: `must be empty for ${role}` },
    ]);
  }
}

export class CannotDisableSelfError extends BadUserInputError {
  constructor() {
    super('You cannot disable your own account', [{ field: 'id', message: 'is your own account' }]);
  }
}

/** Its own reason, so the portal can point at the field instead of signing the user out. */
export class WrongCurrentPasswordError extends DomainRefusal {
  constructor() {
    super('BAD_USER_INPUT', 'WRONG_CURRENT_PASSWORD', 'The current password is wrong', {
      problems: [{ field: 'input.currentPassword', message: 'is wrong' }],
    });
  }
}

export class PasswordUnchangedError extends BadUserInputError {
  constructor() {
    super('The new password is the current one', [
      { field: 'input.newPassword', message: 'must differ from the current password' },
    ]);
  }
}
