/**
 * Base of every error the agent's helpers throw. `code` is stable (tests, logs and the
 * daemon's reports key on it); `message` is for people. main.ts maps codes to exit codes.
 */
export class AgentError extends Error {
  readonly code: string;
  /** Facts learned before the failure, reported with it (e.g. a command result's capabilities). */
  readonly details: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details ?? {};
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

export function errorDetails(error: unknown): Record<string, unknown> {
  return error instanceof AgentError ? error.details : {};
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
