import type { Prisma } from '@prisma/client';

/**
 * Runs `fn` with nested-loop joins off for the rest of `tx`, then restores the previous setting.
 *
 * Bulk statements join a JSON record set (estimated at 100 rows) with a table whose statistics
 * may predate the very rows being written (a new customer's first thousand devices): the
 * planner then picks a nested loop that re-reads the whole record set per row. Hash joins are
 * right whatever the estimates; so that a hash join does not read the tenant's whole table,
 * the statements also name the table rows they want by id (`= ANY(…)`, an index scan).
 */
export async function withHashJoins<T>(
  tx: Prisma.TransactionClient,
  fn: () => Promise<T>,
): Promise<T> {
  const rows = await tx.$queryRaw<{ before: string }[]>`
    SELECT current_setting('enable_nestloop') AS before, set_config('enable_nestloop', 'off', true) AS now`;
  const before = rows[0]?.before ?? 'on';
  const result = await fn();
  // Only on success: a failure ends the transaction, and the setting with it.
  await tx.$queryRaw`SELECT set_config('enable_nestloop', ${before === 'off' ? 'off' : 'on'}, true)`;
  return result;
}
