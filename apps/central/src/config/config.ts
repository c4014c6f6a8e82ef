import { readFileSync } from 'node:fs';
import { COUNTER_SOURCE_TOLERANCE_PERCENT, EARLY_REPLACEMENT_PERCENT } from '@printbeat/domain';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config.errors.js';
import { RAW_CONFIG_KEYS, SECRET_KEYS, rawConfigSchema, type RawConfig } from './config.schema.js';
import { Secret } from './secret.js';
import { loadOrCreateSecret } from './secret-store.js';

export type LogLevel = NonNullable<RawConfig['LOG_LEVEL']>;

export type GraphqlLimits = {
  readonly maxTokens: number;
  readonly maxAliases: number;
  readonly maxDepth: number;
  readonly maxDirectives: number;
  /** Estimated cost: one per field, children multiplied by a list's `first`. */
  readonly maxCost: number;
};

/** Defaults that let the portal's queries and a billing page of 1,000 devices through. */
export const DEFAULT_GRAPHQL_LIMITS: GraphqlLimits = {
  maxTokens: 5000,
  maxAliases: 30,
  maxDepth: 12,
  maxDirectives: 30,
  maxCost: 50_000,
};

export type AppConfig = {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** The agent gateway (mTLS) port; 0 = any free port (the default under NODE_ENV=test). */
  readonly gatewayPort: number;
  readonly gatewayHost: string;
  /** The gateway as agents reach it, for the portal's enroll command (no trailing slash). */
  readonly gatewayPublicUrl: string;
  /** Production: the gateway's certificate and key files. Null: self-issued by central's CA. */
  readonly gatewayTlsCertFile: string | null;
  readonly gatewayTlsKeyFile: string | null;
  /** Addresses/CIDRs of TLS-terminating proxies allowed to forward `X-Client-Certificate`. */
  readonly gatewayTrustedProxies: readonly string[];
  /** Non-public addresses (loopback, private, link-local…) webhooks may still be sent to. */
  readonly webhookAllowedTargets: readonly string[];
  readonly agentCertValidityDays: number;
  readonly enrollRateLimitPerMinute: number;
  /** PostgreSQL schema of the shared rate-limit counters; replicas must use the same one. */
  readonly rateLimitSchema: string;
  /** Sign-in attempts per source address, shared by every replica. */
  readonly signInRateLimitPerMinute: number;
  /** Failed sign-ins of one account from one address before each further one waits longer. */
  readonly signInFreeFailures: number;
  /** Authenticated requests per principal (user or API key), shared by every replica. */
  readonly requestRateLimitPerMinute: number;
  /** Password-reset requests per source address per hour, shared by every replica. */
  readonly passwordResetRateLimitPerHour: number;
  /** Password-reset requests naming one e-mail address per hour, whoever sends them. */
  readonly passwordResetPerEmailPerHour: number;
  /** Refused before any resolver runs: see platform/graphql/query-limits.ts. */
  readonly graphqlLimits: GraphqlLimits;
  readonly graphqlIntrospection: boolean;
  /** PostgreSQL schema of the pg-boss job queue; centrals sharing one database share its jobs. */
  readonly jobQueueSchema: string;
  /** Workers per batched job queue (replenishment evaluations, webhook deliveries). */
  readonly jobWorkers: number;
  /** Jobs one worker takes per fetch; the jobs of one tenant among them run as one batch. */
  readonly jobBatchSize: number;
  /** Compressed size limit of one upload. */
  readonly uploadMaxBytes: number;
  /** Application-role connections per capacity lane: agents, people (web/API), jobs. */
  readonly databaseLanes: { agents: number; people: number; jobs: number };
  /** Worker threads that unpack and parse uploads off the event loop. */
  readonly uploadWorkers: number;
  /** Uploads waiting for a worker; one more is answered 503 with Retry-After. */
  readonly uploadQueueMax: number;
  /** Heap limit of each parsing worker: an upload that needs more is refused, the worker replaced. */
  readonly uploadWorkerHeapMb: number;
  readonly uploadRetryAfterSeconds: number;
  /** Readings dated further ahead of central's receive time are refused (agent clock skew). */
  readonly agentClockMaxFutureSeconds: number;
  /** Readings older than this at receipt are stored as history but never become latest. */
  readonly agentReadingMaxAgeDays: number;
  /** A cartridge swapped out above this percent is an early replacement. */
  readonly supplyEarlyReplacementPercent: number;
  /** Two sources of one meter further apart than this percent flag the device for review. */
  readonly counterSourceTolerancePercent: number;
  /** Owner connection (migrations). Null: start the embedded PostgreSQL. */
  readonly databaseUrl: Secret | null;
  /** Connection for the app role that row-level security applies to. */
  readonly databaseAppUrl: Secret | null;
  readonly postgresPort: number | null;
  readonly dataDir: string;
  readonly postgresDataDir: string;
  /** As root: binaries and clusters that user `postgres` cannot reach in place go here. */
  readonly embeddedPostgresHome: string | null;
  readonly jwtSecret: Secret;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly caKeyPassphrase: Secret;
  readonly logLevel: LogLevel;
  readonly portalDist: string;
  readonly graphiql: boolean;
  /** Bearer token for `GET /metrics`. Null: /metrics answers loopback callers only. */
  readonly metricsToken: Secret | null;
  /** Outgoing mail. Null: SMTP is not configured and nothing is sent. */
  readonly smtp: SmtpConfig | null;
  /** The portal's address as people reach it, for links in e-mails (no trailing slash). */
  readonly publicUrl: string;
};

export type SmtpConfig = {
  readonly host: string;
  /** 465 with `secure`, otherwise 587. */
  readonly port: number;
  /** TLS from the first byte (SMTPS); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  /** Refuse to send when the server does not offer STARTTLS. */
  readonly requireTls: boolean;
  readonly auth: { readonly user: string; readonly password: Secret } | null;
  readonly from: string;
  readonly tlsCaFile: string | null;
};

export type LoadConfigOptions = {
  env: Readonly<Record<string, string | undefined>>;
  cwd?: string;
};

const DEFAULT_PORTAL_DIST = fileURLToPath(new URL('../../../portal/dist', import.meta.url));

/**
 * Parses the configuration once: the JSON file named by `PRINTBEAT_CONFIG` (if any), then the
 * environment on top. Throws `ConfigError` listing every bad value; secret values are never
 * echoed back.
 */
export function loadConfig({ env, cwd = process.cwd() }: LoadConfigOptions): AppConfig {
  const raw: Record<string, unknown> = { ...readConfigFile(env['PRINTBEAT_CONFIG'], cwd) };
  for (const key of RAW_CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }

  const parsed = rawConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const secret = (SECRET_KEYS as readonly string[]).includes(key);
        const got = secret || !(key in raw) ? '' : ` (got ${JSON.stringify(raw[key])})`;
        return `${key || 'config'} ${issue.message}${got}`;
      }),
    );
  }
  const values = parsed.data;
  const nodeEnv = values.NODE_ENV ?? 'development';
  const dataDir = resolvePath(cwd, values.DATA_DIR ?? '.data');
  const host = values.HOST ?? (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');

  return {
    nodeEnv,
    // Loopback unless told otherwise; a container/production deployment sets HOST or NODE_ENV.
    host,
    port: values.PORT ?? 3000,
    gatewayPort: values.GATEWAY_PORT ?? (nodeEnv === 'test' ? 0 : 8443),
    gatewayHost: values.GATEWAY_HOST ?? host,
    gatewayPublicUrl: (
      values.GATEWAY_PUBLIC_URL ??
      `https://${urlHost(values.GATEWAY_HOST ?? host)}:${values.GATEWAY_PORT ?? 8443}`
    ).replace(/\/+$/, ''),
    gatewayTlsCertFile: values.GATEWAY_TLS_CERT_FILE
      ? resolvePath(cwd, values.GATEWAY_TLS_CERT_FILE)
      : null,
    gatewayTlsKeyFile: values.GATEWAY_TLS_KEY_FILE
      ? resolvePath(cwd, values.GATEWAY_TLS_KEY_FILE)
      : null,
    gatewayTrustedProxies: listOf(values.GATEWAY_TRUSTED_PROXIES),
    webhookAllowedTargets: listOf(values.WEBHOOK_ALLOWED_TARGETS),
    agentCertValidityDays: values.AGENT_CERT_VALIDITY_DAYS ?? 30,
    enrollRateLimitPerMinute: values.ENROLL_RATE_LIMIT_PER_MINUTE ?? 10,
    signInRateLimitPerMinute: values.SIGN_IN_RATE_LIMIT_PER_MINUTE ?? 30,
    rateLimitSchema: values.RATE_LIMIT_SCHEMA ?? 'rate_limits',
    signInFreeFailures: values.SIGN_IN_FREE_FAILURES ?? 5,
    requestRateLimitPerMinute: values.REQUEST_RATE_LIMIT_PER_MINUTE ?? 600,
    passwordResetRateLimitPerHour: values.PASSWORD_RESET_RATE_LIMIT_PER_HOUR ?? 20,
    passwordResetPerEmailPerHour: values.PASSWORD_RESET_PER_EMAIL_PER_HOUR ?? 3,
    graphqlLimits: {
      maxTokens: values.GRAPHQL_MAX_TOKENS ?? DEFAULT_GRAPHQL_LIMITS.maxTokens,
      maxAliases: values.GRAPHQL_MAX_ALIASES ?? DEFAULT_GRAPHQL_LIMITS.maxAliases,
      maxDepth: values.GRAPHQL_MAX_DEPTH ?? DEFAULT_GRAPHQL_LIMITS.maxDepth,
      maxDirectives: values.GRAPHQL_MAX_DIRECTIVES ?? DEFAULT_GRAPHQL_LIMITS.maxDirectives,
      maxCost: values.GRAPHQL_MAX_COST ?? DEFAULT_GRAPHQL_LIMITS.maxCost,
    },
    // GraphiQL needs introspection: they go together unless told otherwise.
    graphqlIntrospection:
      values.GRAPHQL_INTROSPECTION ?? values.GRAPHIQL ?? nodeEnv !== 'production',
    jobQueueSchema: values.JOB_QUEUE_SCHEMA ?? 'pgboss',
    jobWorkers: values.JOB_WORKERS ?? 2,
    jobBatchSize: values.JOB_BATCH_SIZE ?? 25,
    uploadMaxBytes: values.UPLOAD_MAX_BYTES ?? 16 * 1024 * 1024,
    databaseLanes: {
      agents: values.DATABASE_POOL_AGENTS ?? 6,
      people: values.DATABASE_POOL_PEOPLE ?? 8,
      jobs: values.DATABASE_POOL_JOBS ?? 6,
    },
    uploadWorkers: values.UPLOAD_WORKERS ?? 2,
    uploadQueueMax: values.UPLOAD_QUEUE_MAX ?? 8,
    uploadWorkerHeapMb: values.UPLOAD_WORKER_HEAP_MB ?? 256,
    uploadRetryAfterSeconds: values.UPLOAD_RETRY_AFTER_SECONDS ?? 5,
    agentClockMaxFutureSeconds: values.AGENT_CLOCK_MAX_FUTURE_SECONDS ?? 300,
    // Longer than any real outage (agents keep unsent uploads), far shorter than a reset clock.
    agentReadingMaxAgeDays: values.AGENT_READING_MAX_AGE_DAYS ?? 365,
    supplyEarlyReplacementPercent:
      values.SUPPLY_EARLY_REPLACEMENT_PERCENT ?? EARLY_REPLACEMENT_PERCENT,
    counterSourceTolerancePercent:
      values.COUNTER_SOURCE_TOLERANCE_PERCENT ?? COUNTER_SOURCE_TOLERANCE_PERCENT,
    databaseUrl: values.DATABASE_URL ? new Secret(values.DATABASE_URL) : null,
    databaseAppUrl: values.DATABASE_APP_URL ? new Secret(values.DATABASE_APP_URL) : null,
    postgresPort: values.POSTGRES_PORT ?? null,
    dataDir,
    postgresDataDir: resolvePath(cwd, values.POSTGRES_DATA_DIR ?? resolve(dataDir, 'postgres')),
    embeddedPostgresHome: values.EMBEDDED_POSTGRES_HOME
      ? resolvePath(cwd, values.EMBEDDED_POSTGRES_HOME)
      : null,
    jwtSecret: new Secret(values.JWT_SECRET ?? loadOrCreateSecret(dataDir, 'jwt-secret')),
    accessTokenTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60,
    refreshTokenTtlSeconds: values.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 60 * 60,
    caKeyPassphrase: new Secret(
      values.CA_KEY_PASSPHRASE ?? loadOrCreateSecret(dataDir, 'ca-key-passphrase'),
    ),
    logLevel: values.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    portalDist: values.PORTAL_DIST ? resolvePath(cwd, values.PORTAL_DIST) : DEFAULT_PORTAL_DIST,
    graphiql: values.GRAPHIQL ?? nodeEnv !== 'production',
    metricsToken: values.METRICS_TOKEN ? new Secret(values.METRICS_TOKEN) : null,
    smtp: smtpConfig(values, cwd),
    publicUrl: (values.PUBLIC_URL ?? `http://${urlHost(host)}:${values.PORT ?? 3000}`).replace(
      /\/+$/,
      '',
    ),
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function smtpConfig(values: RawConfig, cwd: string): SmtpConfig | null {
  if (!values.SMTP_HOST) return null;
  const secure = values.SMTP_SECURE ?? false;
  return {
    host: values.SMTP_HOST,
    port: values.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    requireTls: values.SMTP_REQUIRE_TLS ?? false,
    auth: values.SMTP_USER
      ? { user: values.SMTP_USER, password: new Secret(values.SMTP_PASSWORD ?? '') }
      : null,
    from: values.SMTP_FROM ?? 'Printbeat <printbeat@localhost>',
    tlsCaFile: values.SMTP_TLS_CA_FILE ? resolvePath(cwd, values.SMTP_TLS_CA_FILE) : null,
  };
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** The configuration as safe to print: secrets show as `[redacted]`. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  return JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
}

function readConfigFile(path: string | undefined, cwd: string): Record<string, unknown> {
  if (!path) return {};
  const file = resolvePath(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `PRINTBEAT_CONFIG file ${file} cannot be read: ${(error as Error).message}`,
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([
      `PRINTBEAT_CONFIG file ${file} is not valid JSON: ${(error as Error).message}`,
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`PRINTBEAT_CONFIG file ${file} must hold a JSON object`]);
  }
  const unknownKeys = Object.keys(parsed).filter(
    (key) => !(RAW_CONFIG_KEYS as string[]).includes(key),
  );
  if (unknownKeys.length > 0) {
    throw new ConfigError(unknownKeys.map((key) => `${key} is not a known setting (in ${file})`));
  }
  return parsed as Record<string, unknown>;
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** The one place that reads `process.env`. */
export function loadConfigFromEnvironment(): AppConfig {
  return loadConfig({ env: process.env });
}
