import { DomainRefusal, TooManyRequestsError } from '../../platform/errors/domain.errors.js';
import type { RefusalScope } from '../audit/refusal-scope.js';

export type EnrollmentRefusalReason =
  | 'REGISTRATION_KEY_INVALID'
  | 'REGISTRATION_KEY_EXPIRED'
  | 'REGISTRATION_KEY_USED_UP'
  | 'INVALID_CSR';

/** A refused enrollment or renewal; `scope` names the key's tenant when the key is known. */
export class EnrollmentRefusedError extends DomainRefusal {
  constructor(
    code: 'UNAUTHENTICATED' | 'BAD_USER_INPUT',
    reason: EnrollmentRefusalReason,
    message: string,
    readonly scope?: RefusalScope,
  ) {
    super(code, reason, message);
  }
}

/** Unknown and revoked keys share one reason so keys cannot be probed. */
export class RegistrationKeyInvalidError extends EnrollmentRefusedError {
  constructor(scope?: RefusalScope) {
    super('UNAUTHENTICATED', 'REGISTRATION_KEY_INVALID', 'Registration key invalid', scope);
  }
}

export class RegistrationKeyExpiredError extends EnrollmentRefusedError {
  constructor(scope: RefusalScope) {
    super('UNAUTHENTICATED', 'REGISTRATION_KEY_EXPIRED', 'Registration key expired', scope);
  }
}

export class RegistrationKeyUsedUpError extends EnrollmentRefusedError {
  constructor(scope: RefusalScope) {
    super(
      'UNAUTHENTICATED',
      'REGISTRATION_KEY_USED_UP',
      'Registration key has no uses left',
      scope,
    );
  }
}

export class InvalidCsrError extends EnrollmentRefusedError {
  constructor(problem: string, scope?: RefusalScope) {
    super('BAD_USER_INPUT', 'INVALID_CSR', `CSR refused: ${problem}`, scope);
  }
}

export class EnrollmentRateLimitedError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super('Too many enrollment attempts from this address', retryAfterSeconds);
  }
}
