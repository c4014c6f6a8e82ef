/**
 * Base of every error the agent's helpers throw. `code` is stable (tests, logs and the
 * daemon's reports key on it); `message` is for people. main.ts maps codes to exit codes.
 */
export class AgentError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad command-line input: wrong target syntax, too large a range, invalid option value. */
export class UsageError extends AgentError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export function errorCode(error: unknown): string {
  return error instanceof AgentError ? error.code : 'INTERNAL_ERROR';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
