import { z } from 'zod';

/** Keys whose values are secrets: never echoed back in an error or a printout. */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'DATABASE_APP_URL',
  'JWT_SECRET',
  'CA_KEY_PASSPHRASE',
  'METRICS_TOKEN',
  'SMTP_PASSWORD',
] as const;

const integer = (min: number, max: number) => {
  const message = `must be an integer between ${min} and ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    z
      .number({ error: message })
      .int({ error: message })
      .min(min, { error: message })
      .max(max, { error: message }),
  );
};

const boolean = () =>
  z.preprocess(
    (value) => {
      if (typeof value !== 'string') return value;
      const normalised = value.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
      if (['false', '0', 'no', 'off'].includes(normalised)) return false;
      return value;
    },
    z.boolean({ error: 'must be true or false' }),
  );

const nonEmpty = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, { error: `must be ${what}` });

const postgresUrl = () =>
  z
    .string({ error: 'must be a postgresql:// URL' })
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgresql:// URL' });

/**
 * The raw shape: the same names in the environment and in the optional JSON config file
 * (`PRINTBEAT_CONFIG`); the environment wins. Everything is optional here — defaults that
 * depend on other values (data dirs, host) are filled in by `loadConfig`.
 */
export const rawConfigSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'must be one of development, production, test',
    })
    .optional(),
  HOST: nonEmpty('a host name or IP address').optional(),
  PORT: integer(1, 65535).optional(),
  GATEWAY_PORT: integer(0, 65535).optional(),
  GATEWAY_HOST: nonEmpty('a host name or IP address').optional(),
  GATEWAY_TLS_CERT_FILE: nonEmpty('a file path').optional(),
  GATEWAY_TLS_KEY_FILE: nonEmpty('a file path').optional(),
  GATEWAY_TRUSTED_PROXIES: z
    .string({ error: 'must be a comma-separated list of addresses or CIDRs' })
    .optional(),
  WEBHOOK_ALLOWED_TARGETS: z
    .string({ error: 'must be a comma-separated list of addresses or CIDRs' })
    .optional(),
  AGENT_CERT_VALIDITY_DAYS: integer(1, 825).optional(),
  ENROLL_RATE_LIMIT_PER_MINUTE: integer(1, 100_000).optional(),
  JOB_QUEUE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: 'must be a lower-case SQL identifier (a-z, 0-9, _)',
    })
    .optional(),
  RATE_LIMIT_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: 'must be a lower-case SQL identifier (a-z, 0-9, _)',
    })
    .optional(),
  JOB_WORKERS: integer(1, 32).optional(),
  JOB_BATCH_SIZE: integer(1, 500).optional(),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: integer(1, 100_000).optional(),
  SIGN_IN_FREE_FAILURES: integer(1, 1000).optional(),
  REQUEST_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000).optional(),
  PASSWORD_RESET_RATE_LIMIT_PER_HOUR: integer(1, 100_000).optional(),
  PASSWORD_RESET_PER_EMAIL_PER_HOUR: integer(1, 1000).optional(),
  GRAPHQL_MAX_TOKENS: integer(100, 1_000_000).optional(),
  GRAPHQL_MAX_ALIASES: integer(1, 10_000).optional(),
  GRAPHQL_MAX_DEPTH: integer(2, 100).optional(),
  GRAPHQL_MAX_DIRECTIVES: integer(1, 10_000).optional(),
  GRAPHQL_MAX_COST: integer(100, 100_000_000).optional(),
  GRAPHQL_INTROSPECTION: boolean().optional(),
  UPLOAD_MAX_BYTES: integer(1024, 1024 * 1024 * 1024).optional(),
  DATABASE_POOL_AGENTS: integer(1, 200).optional(),
  DATABASE_POOL_PEOPLE: integer(1, 200).optional(),
  DATABASE_POOL_JOBS: integer(1, 200).optional(),
  UPLOAD_WORKERS: integer(1, 64).optional(),
  UPLOAD_QUEUE_MAX: integer(0, 10_000).optional(),
  UPLOAD_WORKER_HEAP_MB: integer(16, 16_384).optional(),
  UPLOAD_RETRY_AFTER_SECONDS: integer(1, 3_600).optional(),
  AGENT_CLOCK_MAX_FUTURE_SECONDS: integer(0, 7 * 24 * 60 * 60).optional(),
  AGENT_READING_MAX_AGE_DAYS: integer(1, 3650).optional(),
  SUPPLY_EARLY_REPLACEMENT_PERCENT: integer(0, 100).optional(),
  COUNTER_SOURCE_TOLERANCE_PERCENT: integer(0, 100).optional(),
  DATABASE_URL: postgresUrl().optional(),
  DATABASE_APP_URL: postgresUrl().optional(),
  POSTGRES_PORT: integer(1, 65535).optional(),
  DATA_DIR: nonEmpty('a directory path').optional(),
  POSTGRES_DATA_DIR: nonEmpty('a directory path').optional(),
  EMBEDDED_POSTGRES_HOME: nonEmpty('a directory path').optional(),
  JWT_SECRET: z
    .string({ error: 'must be a string of at least 32 characters' })
    .min(32, { error: 'must be at least 32 characters long' })
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: integer(30, 24 * 60 * 60).optional(),
  REFRESH_TOKEN_TTL_SECONDS: integer(60, 365 * 24 * 60 * 60).optional(),
  CA_KEY_PASSPHRASE: z
    .string({ error: 'must be a string of at least 16 characters' })
    .min(16, { error: 'must be at least 16 characters long' })
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional(),
  PORTAL_DIST: nonEmpty('a directory path').optional(),
  METRICS_TOKEN: z
    .string({ error: 'must be a string of at least 16 characters' })
    .min(16, { error: 'must be at least 16 characters long' })
    .regex(/^\S+$/, { error: 'must not contain whitespace' })
    .optional(),
  GRAPHIQL: boolean().optional(),
  SMTP_HOST: nonEmpty('a host name or IP address').optional(),
  SMTP_PORT: integer(1, 65535).optional(),
  SMTP_SECURE: boolean().optional(),
  SMTP_REQUIRE_TLS: boolean().optional(),
  SMTP_USER: nonEmpty('a user name').optional(),
  SMTP_PASSWORD: nonEmpty('a password').optional(),
  SMTP_FROM: nonEmpty('a sender address, e.g. "Printbeat <alerts@example.com>"').optional(),
  SMTP_TLS_CA_FILE: nonEmpty('a file path').optional(),
  GATEWAY_PUBLIC_URL: z
    .string({ error: 'must be an https:// URL' })
    .trim()
    .regex(/^https:\/\/[^\s/]+\/?$/, { error: 'must be an https:// URL with no path' })
    .optional(),
  PUBLIC_URL: z
    .string({ error: 'must be an http(s):// URL' })
    .trim()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: 'must be an http(s):// URL' })
    .optional(),
});

export type RawConfig = z.infer<typeof rawConfigSchema>;
export type RawConfigKey = keyof RawConfig;
export const RAW_CONFIG_KEYS = Object.keys(rawConfigSchema.shape) as RawConfigKey[];
