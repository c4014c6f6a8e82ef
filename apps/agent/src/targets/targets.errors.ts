import { AgentError, UsageError } from '../agent.errors.js';

export class InvalidTargetError extends UsageError {
  constructor(input: string, reason: string) {
    super('TARGET_INVALID', `invalid target "${input}": ${reason}`);
  }
}

export class TooManyTargetsError extends UsageError {
  constructor(count: number, limit: number, hint: string) {
    super(
      'TARGETS_TOO_MANY',
      `the targets expand to ${count.toLocaleString('en-US')} addresses; the limit is ${limit.toLocaleString('en-US')}${hint}`,
    );
  }
}

export class HostLookupError extends AgentError {
  constructor(host: string, reason: string) {
    super('HOST_LOOKUP_FAILED', `cannot resolve ${host}: ${reason}`);
  }
}
