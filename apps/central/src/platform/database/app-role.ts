import { createHmac } from 'node:crypto';
import type pg from 'pg';

/** The role the tenant-scoped client connects as: LOGIN, no SUPERUSER, no BYPASSRLS, DML only. */
export const DEFAULT_APP_ROLE = 'printbeat_app';

/** Tables the application role never gets: migration bookkeeping and tenant-less audit. */
const PLATFORM_ONLY_TABLES = ['_prisma_migrations', 'platform_audit_events', 'agent_releases'];

/**
 * The app role's password, derived from the owner's: every replica given the same owner URL
 * computes the same value, so none of them invalidates another's connections at boot.
 */
export function deriveAppRolePassword(ownerPassword: string, roleName: string): string {
  return createHmac('sha256', ownerPassword)
    .update(`printbeat app role v1:${roleName}`)
    .digest('base64url');
}

/** Whether the connected user may create and alter roles. */
export async function canManageRoles(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ rolsuper: boolean; rolcreaterole: boolean }>(
    'SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user',
  );
  const me = rows[0];
  return Boolean(me && (me.rolsuper || me.rolcreaterole));
}

/**
 * Creates or updates the application role and (re)grants it DML on every table of the
 * schema but the platform-only ones. Run after migrations, so new tables are covered.
 */
export async function ensureAppRole(
  client: pg.Client,
  options: { roleName: string; password: string },
): Promise<void> {
  const role = client.escapeIdentifier(options.roleName);
  const password = client.escapeLiteral(options.password);
  const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD ${password}`;
  // Serialises concurrent boots of several replicas (CREATE ROLE is not idempotent).
  await client.query("SELECT pg_advisory_lock(hashtext('printbeat.app_role'))");
  try {
    const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      options.roleName,
    ]);
    await client.query(
      existing.rowCount
        ? `ALTER ROLE ${role} WITH ${attributes}`
        : `CREATE ROLE ${role} WITH ${attributes}`,
    );
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    const database = client.escapeIdentifier(rows[0]?.db ?? '');
    // PUBLIC has CONNECT by default; granting it explicitly needs the database's owner.
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`).catch(() => undefined);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    );
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    for (const table of PLATFORM_ONLY_TABLES) {
      const exists = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [
        `public.${table}`,
      ]);
      if ((exists.rows[0] as { present: boolean } | undefined)?.present) {
        await client.query(`REVOKE ALL ON public.${client.escapeIdentifier(table)} FROM ${role}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('printbeat.app_role'))");
  }
}
