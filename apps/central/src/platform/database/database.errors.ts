export type DatabaseErrorCode =
  | 'DATA_DIR_NOT_TRAVERSABLE'
  | 'EMBEDDED_START_FAILED'
  | 'MIGRATIONS_NOT_FOUND'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_FAILED_EARLIER'
  | 'DATABASE_URL_INVALID'
  | 'APP_DATABASE_URL_UNUSABLE';

export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** A plain function or a logger with info/warn (pino's child loggers fit). */
export type DatabaseLog =
  | ((message: string) => void)
  | { info: (message: string) => void; warn: (message: string) => void };

export function logInfo(log: DatabaseLog, message: string): void {
  if (typeof log === 'function') log(message);
  else log.info(message);
}

export function logWarn(log: DatabaseLog, message: string): void {
  if (typeof log === 'function') log(`warning: ${message}`);
  else log.warn(message);
}
