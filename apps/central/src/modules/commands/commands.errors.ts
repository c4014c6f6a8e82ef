import type { CommandType } from '@prisma/client';
import { DomainError, DomainRefusal, NotFoundError } from '../../platform/errors/domain.errors.js';

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
export class ActionNotConsentedError extends DomainRefusal {
  constructor(type: CommandType) {
    super('FORBIDDEN', 'ACTION_NOT_CONSENTED', `The customer has not allowed ${type} actions`, {
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

/** An agent reported on a command that is not its own (or does not exist). */
export class CommandNotForAgentError extends DomainRefusal {
  constructor(id: string) {
    super('NOT_FOUND', 'COMMAND_NOT_FOUND', 'No such command for this agent', { id });
  }
}

/** An agent reported a result for a command that has already ended. */
export class CommandFinalError extends DomainRefusal {
  constructor(id: string, status: string) {
    super('CONFLICT', 'COMMAND_FINAL', `Command is already ${status}`, { id, status });
  }
}
