import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
} from '../../platform/errors/domain.errors.js';

export class ContractNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Contract', id);
  }
}

export class ContractInputError extends BadUserInputError {
  constructor(problems: { field: string; message: string }[]) {
    super(problems.map((problem) => problem.message).join(' '), problems);
  }
}

export class ContractReferenceTakenError extends ConflictError {
  constructor(reference: string) {
    super(`Another contract already has the reference "${reference}".`, {
      reason: 'CONTRACT_REFERENCE_TAKEN',
      field: 'reference',
    });
  }
}

export class ContractEndedError extends ConflictError {
  constructor(id: string, endedAt: Date) {
    super(`This contract ended on ${endedAt.toISOString()}; it can no longer be changed.`, {
      reason: 'CONTRACT_ENDED',
      id,
    });
  }
}

export class DeviceUnderAnotherContractError extends ConflictError {
  constructor(deviceId: string, reference: string) {
    super(
      `This device is already under contract ${reference}; detach it there first (a device is under one contract at a time).`,
      { reason: 'DEVICE_UNDER_ANOTHER_CONTRACT', deviceId, reference },
    );
  }
}

export class DeviceOfAnotherCustomerError extends BadUserInputError {
  constructor(deviceId: string) {
    const message = "Only the contract customer's own devices can be attached to it.";
    super(message, [{ field: 'deviceIds', message: `${message} (${deviceId})` }]);
  }
}

export class DeviceNotUnderContractError extends ConflictError {
  constructor(deviceId: string) {
    super('This device is not under this contract.', {
      reason: 'DEVICE_NOT_UNDER_CONTRACT',
      deviceId,
    });
  }
}
