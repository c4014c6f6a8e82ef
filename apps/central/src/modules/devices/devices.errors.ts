import {
  BadUserInputError,
  DomainError,
  NotFoundError,
} from '../../platform/errors/domain.errors.js';

export class DeviceNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Device', id);
  }
}

export class MergeIntoItselfError extends BadUserInputError {
  constructor() {
    super('A device cannot be merged into itself', [
      { field: 'mergeId', message: 'must differ from keepId' },
    ]);
  }
}

/** Meter reads and the other history rows carry the customer in their foreign keys. */
export class MergeAcrossCustomersError extends BadUserInputError {
  constructor() {
    super('Only devices of the same customer can be merged', [
      { field: 'mergeId', message: 'belongs to another customer than keepId' },
    ]);
  }
}

export class DeviceAlreadyMergedError extends DomainError {
  constructor(id: string, mergedIntoId: string) {
    super('CONFLICT', 'This device was already merged into another one', {
      reason: 'DEVICE_ALREADY_MERGED',
      id,
      mergedIntoId,
    });
  }
}
