import { BadUserInputError, UnauthenticatedError } from '../errors/domain.errors.js';

/** One message for unknown email and wrong password: sign-in must not reveal which. */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Invalid email or password');
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  constructor() {
    super('Refresh token invalid or expired');
  }
}

export class AmbiguousAccountError extends BadUserInputError {
  constructor() {
    super('This email signs in to several dealers; give tenantSlug', [
      { field: 'tenantSlug', message: 'is required for this account' },
    ]);
  }
}
