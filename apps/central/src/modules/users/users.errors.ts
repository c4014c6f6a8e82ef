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

/** One answer for unknown, used, revoked and expired links: the holder asks for a new one. */
export class InvalidLinkError extends DomainRefusal {
  constructor() {
    super(
      'BAD_USER_INPUT',
      'INVALID_LINK',
      'This link is not valid: it was used, replaced by a newer one or has expired',
      { problems: [{ field: 'token', message: 'is not valid' }] },
    );
  }
}

/** Invitations and e-mail confirmations need outgoing mail; central has none configured. */
export class MailNotConfiguredForUsersError extends DomainRefusal {
  constructor(field: string, what: string) {
    super('BAD_USER_INPUT', 'MAIL_NOT_CONFIGURED', `E-mail is not configured here: ${what}`, {
      problems: [{ field, message: what }],
    });
  }
}

export class NoPendingInvitationError extends BadUserInputError {
  constructor() {
    super('This user has already accepted the invitation', [
      { field: 'id', message: 'has no pending invitation' },
    ]);
  }
}

export class EmailUnchangedError extends BadUserInputError {
  constructor() {
    super('This is already your e-mail address', [
      { field: 'input.newEmail', message: 'is your current address' },
    ]);
  }
}
