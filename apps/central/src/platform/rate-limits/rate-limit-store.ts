import type pg from 'pg';

/** The one table every limiter counts in (rate-limiter-flexible's layout), keyed by prefix. */
export const RATE_LIMIT_TABLE = 'counters';

/**
 * Creates the schema and table once, under an advisory lock: replicas starting together
 * would otherwise race on `CREATE … IF NOT EXISTS`.
 */
export async function ensureRateLimitTable(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('printbeat.rate-limits'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}"."${RATE_LIMIT_TABLE}" (
         key varchar(255) PRIMARY KEY,
         points integer NOT NULL DEFAULT 0,
         expire bigint
       )`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Drops counters that expired more than an hour ago (limiters ignore them already). */
export async function deleteExpiredCounters(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DELETE FROM "${schema}"."${RATE_LIMIT_TABLE}" WHERE expire < $1`, [
    Date.now() - 3_600_000,
  ]);
}
