/** Thrown while loading configuration; `main.ts` prints the message and exits with code 1. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid config: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
