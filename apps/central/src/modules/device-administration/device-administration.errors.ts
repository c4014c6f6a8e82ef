import {
  BadUserInputError,
  ConflictError,
  DomainError,
} from '../../platform/errors/domain.errors.js';

export class DeviceInputError extends BadUserInputError {
  constructor(problems: { field: string; message: string }[]) {
    super(problems.map((problem) => problem.message).join(' '), problems);
  }
}

/** Sites carry the customer in the device's foreign key: a device never changes customer. */
export class SiteOfAnotherCustomerError extends BadUserInputError {
  constructor() {
    const message =
      'A device can only be moved to a site of its own customer; this site belongs to another customer.';
    super(message, [{ field: 'siteId', message }]);
  }
}

export class DeviceAlreadyRetiredError extends ConflictError {
  constructor(id: string, retiredAt: Date) {
    super(`This device was already retired on ${retiredAt.toISOString()}; reinstate it first.`, {
      reason: 'DEVICE_ALREADY_RETIRED',
      id,
    });
  }
}

export class DeviceMergedError extends DomainError {
  constructor(id: string) {
    super('CONFLICT', 'This device was merged into another one and can no longer be changed.', {
      reason: 'DEVICE_ALREADY_MERGED',
      id,
    });
  }
}
