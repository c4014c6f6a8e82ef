import { pino, type Logger } from 'pino';
import type { LogLevel } from '../../config/config.js';

export type { Logger } from 'pino';

/** Injection token for the root pino logger. */
export const LOGGER = Symbol('LOGGER');

/**
 * Paths pino blanks out wherever they appear, as a second line of defence: code should not
 * pass secrets to the logger in the first place.
 */
export const REDACTED_PATHS = [
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'apiKey',
  'authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.apiKey',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'variables.*',
];

export function createLogger(options: {
  level: LogLevel;
  destination?: NodeJS.WritableStream;
  base?: Record<string, unknown>;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'central', ...options.base },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? process.stdout,
  );
}
