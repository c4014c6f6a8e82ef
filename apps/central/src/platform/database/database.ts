import pg from 'pg';
import {
  canManageRoles,
  DEFAULT_APP_ROLE,
  deriveAppRolePassword,
  ensureAppRole,
} from './app-role.js';
import { DatabaseError, type DatabaseLog, logInfo, logWarn } from './database.errors.js';
import { startEmbeddedServer } from './embedded-server.js';
import { applyMigrations, findMigrationsDir } from './migrations.js';

export { DatabaseError, type DatabaseErrorCode, type DatabaseLog } from './database.errors.js';
export { DEFAULT_APP_ROLE } from './app-role.js';
export { DEFAULT_EMBEDDED_PORT } from './embedded-server.js';
export { DEFAULT_EMBEDDED_POSTGRES_HOME } from './postgres-placement.js';

/** The well-known id of the PLATFORM tenant (created by a migration); platform operators live in it. */
export const PLATFORM_TENANT_ID = '00000000-0000-0000-0000-000000000001';

export type StartDatabaseOptions = {
  /** An existing server (owner/migrator credentials). Unset: start the embedded PostgreSQL. */
  databaseUrl?: string;
  /** The tenant-scoped role's URL on an existing server; derived when unset. */
  databaseAppUrl?: string;
  /** Embedded cluster data directory (e.g. ./.data/postgres). */
  dataDir: string;
  /** Embedded server port; unset: the last one used, else 54320, else any free port. */
  port?: number;
  /** As root: where the embedded binaries and clusters go when user `postgres` cannot reach the checkout. */
  embeddedPostgresHome?: string;
  /** Database created on the embedded server. */
  databaseName?: string;
  appRole?: string;
  migrationsDir?: string;
  log: DatabaseLog;
};

export type DatabaseHandle = {
  /** Table owner / migrator: platform code only (PrismaService). */
  ownerUrl: string;
  /** NOSUPERUSER NOBYPASSRLS application role: the tenant-scoped client (TenantPrisma). */
  appUrl: string;
  embedded: boolean;
  /** The embedded cluster's directory (a relocated one as root, see postgres-placement.ts). */
  clusterDir?: string;
  stop(): Promise<void>;
};

function buildUrl(parts: {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}): string {
  const url = new URL('postgresql://placeholder');
  url.hostname = parts.host;
  url.port = String(parts.port);
  url.username = encodeURIComponent(parts.user);
  url.password = encodeURIComponent(parts.password);
  url.pathname = `/${encodeURIComponent(parts.database)}`;
  return url.toString();
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new DatabaseError('DATABASE_URL_INVALID', 'DATABASE_URL is not a valid postgres:// URL');
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Migrates the database behind `ownerUrl` and prepares the application role. Returns the
 * app role's URL, or null when the owner may not manage roles.
 */
async function prepare(
  ownerUrl: string,
  options: { appRole: string; appPassword: string | null; migrationsDir: string; log: DatabaseLog },
): Promise<string | null> {
  return withClient(ownerUrl, async (client) => {
    const applied = await applyMigrations(client, {
      migrationsDir: options.migrationsDir,
      log: options.log,
    });
    if (applied.length === 0) logInfo(options.log, 'database schema is up to date');
    if (!(await canManageRoles(client))) return null;
    const owner = parseUrl(ownerUrl);
    const password =
      options.appPassword ??
      deriveAppRolePassword(decodeURIComponent(owner.password), options.appRole);
    try {
      await ensureAppRole(client, { roleName: options.appRole, password });
    } catch (error) {
      // e.g. the role exists but belongs to someone else (PostgreSQL 16+ CREATEROLE rules).
      logWarn(
        options.log,
        `could not prepare role ${options.appRole}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
    const appUrl = new URL(ownerUrl);
    appUrl.username = encodeURIComponent(options.appRole);
    appUrl.password = encodeURIComponent(password);
    return appUrl.toString();
  });
}

/**
 * Fails fast on an application URL that cannot connect, and says so loudly when its role
 * bypasses row-level security (superuser or BYPASSRLS): then RLS is no wall at all.
 */
async function checkAppRole(appUrl: string, log: DatabaseLog): Promise<void> {
  let role: { rolname: string; rolsuper: boolean; rolbypassrls: boolean } | undefined;
  try {
    role = await withClient(appUrl, async (client) => {
      const { rows } = await client.query<{
        rolname: string;
        rolsuper: boolean;
        rolbypassrls: boolean;
      }>('SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
      return rows[0];
    });
  } catch (error) {
    throw new DatabaseError(
      'APP_DATABASE_URL_UNUSABLE',
      `DATABASE_APP_URL does not connect: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (role && (role.rolsuper || role.rolbypassrls)) {
    logWarn(
      log,
      `DATABASE_APP_URL connects as ${role.rolname}, which bypasses row-level security (superuser or BYPASSRLS): ` +
        'tenant isolation then rests on the tenant-scoped client alone; use a NOSUPERUSER NOBYPASSRLS role',
    );
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} ENCODING 'UTF8'`);
  });
}

/**
 * Starts (or connects to) PostgreSQL, applies prisma/migrations and prepares the
 * application role. Without `databaseUrl` an embedded server runs in `dataDir` until
 * `stop()` (or a signal nobody else handles); with it, no server is ever started.
 */
export async function startDatabase(options: StartDatabaseOptions): Promise<DatabaseHandle> {
  const migrationsDir = options.migrationsDir ?? findMigrationsDir();
  const appRole = options.appRole ?? DEFAULT_APP_ROLE;

  if (options.databaseUrl) {
    const ownerUrl = options.databaseUrl;
    const owner = parseUrl(ownerUrl);
    if (options.databaseAppUrl) {
      await withClient(ownerUrl, (client) =>
        applyMigrations(client, { migrationsDir, log: options.log }),
      );
      await checkAppRole(options.databaseAppUrl, options.log);
      return {
        ownerUrl,
        appUrl: options.databaseAppUrl,
        embedded: false,
        stop: () => Promise.resolve(),
      };
    }
    // Without an owner password the derived one would be guessable: use a fresh one (replicas
    // then re-set it at boot; give DATABASE_APP_URL in that setup).
    const appPassword = owner.password
      ? null
      : (await import('node:crypto')).randomBytes(24).toString('base64url');
    const appUrl = await prepare(ownerUrl, {
      appRole,
      appPassword,
      migrationsDir,
      log: options.log,
    });
    if (!appUrl) {
      logWarn(
        options.log,
        'the DATABASE_URL user may not create roles and DATABASE_APP_URL is unset: the tenant-scoped client uses the owner ' +
          'connection, so row-level security binds it only while it is not a superuser or BYPASSRLS role',
      );
    }
    return { ownerUrl, appUrl: appUrl ?? ownerUrl, embedded: false, stop: () => Promise.resolve() };
  }

  const server = await startEmbeddedServer({
    dataDir: options.dataDir,
    port: options.port,
    home: options.embeddedPostgresHome,
    log: options.log,
  });
  try {
    const database = options.databaseName ?? 'printbeat';
    const base = {
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
    };
    await ensureDatabase(buildUrl({ ...base, database: 'postgres' }), database);
    const ownerUrl = buildUrl({ ...base, database });
    const appUrl = await prepare(ownerUrl, {
      appRole,
      appPassword: null,
      migrationsDir,
      log: options.log,
    });
    if (!appUrl)
      throw new DatabaseError(
        'EMBEDDED_START_FAILED',
        'the embedded superuser could not create the application role',
      );
    return {
      ownerUrl,
      appUrl,
      embedded: true,
      clusterDir: server.dataDir,
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
