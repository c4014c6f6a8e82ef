import type { CommandType } from '@prisma/client';
import { DomainError, NotFoundError } from '../../platform/errors/domain.errors.js';

export class CommandNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Command', id);
  }
}

export class DeviceNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Device', id);
  }
}

export class AgentOfCommandNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Agent', id);
  }
}

/** The customer has not consented to this action type (Customer.allowedCommandTypes). */
export class ActionNotConsentedError extends DomainError {
  constructor(type: CommandType) {
    super('FORBIDDEN', `The customer has not allowed ${type} actions`, {
      reason: 'ACTION_NOT_CONSENTED',
      type,
    });
  }
}

export class DeviceWithoutAgentError extends DomainError {
  constructor(deviceId: string) {
    super('CONFLICT', 'This device has no agent to run commands', { deviceId });
  }
}

export class AgentNotActiveError extends DomainError {
  constructor(id: string, status: string) {
    super('CONFLICT', `Agent is ${status}: it takes no commands`, { agentId: id, status });
  }
}

export class CommandNotCancellableError extends DomainError {
  constructor(id: string, status: string) {
    super('CONFLICT', `Command is ${status} and can no longer be cancelled`, { id, status });
  }
}
