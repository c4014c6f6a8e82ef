import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { Zip, ZipDeflate } from 'fflate';
import type pg from 'pg';

/** Rows read or deleted per statement: short statements, no long locks. */
export const OFFBOARDING_BATCH_SIZE = 5_000;

export type TenantExport = {
  tenantId: string;
  name: string;
  slug: string;
  exportedAt: string;
  /** Rows per table in the archive (the `tenants` row included). */
  tables: Record<string, number>;
};

export class OffboardingRefusal extends Error {}

type TenantRow = {
  id: string;
  name: string;
  slug: string;
  kind: string;
  offboarding_exported_at: Date | null;
};

/**
 * Every row of one dealer tenant, read in one REPEATABLE READ snapshot through the owner role
 * (no tenant set: the platform policy sees every row), written as a zip of NDJSON files, one
 * per table (`<table>.ndjson`: one `row_to_json` object per line), and `manifest.json` with the
 * row counts. The file appears under `outFile` only when complete; then the tenant records
 * the export, which `deleteTenant` requires.
 */
export async function exportTenant(
  pool: pg.Pool,
  tenantId: string,
  outFile: string,
  batchSize = OFFBOARDING_BATCH_SIZE,
): Promise<TenantExport> {
  const client = await pool.connect();
  const partial = `${outFile}.partial`;
  try {
    const tenant = await dealerTenant(client, tenantId);
    const output = createWriteStream(partial, { mode: 0o600 });
    const failures: Error[] = [];
    const zip = new Zip((error, chunk, final) => {
      if (error) failures.push(error);
      else output.write(chunk);
      if (final) output.end();
    });
    const tables: Record<string, number> = {};
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      tables['tenants'] = await copyRows(
        client,
        zip,
        'tenants',
        'SELECT row_to_json(t)::text AS line FROM tenants t WHERE id = $1',
        tenantId,
        batchSize,
        output,
      );
      for (const table of await tenantTables(client))
        tables[table] = await copyRows(
          client,
          zip,
          table,
          `SELECT row_to_json(t)::text AS line FROM "${table}" t WHERE tenant_id = $1`,
          tenantId,
          batchSize,
          output,
        );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    const exportedAt = new Date();
    const manifest: TenantExport = {
      tenantId,
      name: tenant.name,
      slug: tenant.slug,
      exportedAt: exportedAt.toISOString(),
      tables,
    };
    const file = new ZipDeflate('manifest.json', { level: 6 });
    zip.add(file);
    file.push(new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
    zip.end();
    await once(output, 'close');
    if (failures[0]) throw failures[0];
    await rename(partial, outFile);
    await client.query('UPDATE tenants SET offboarding_exported_at = $2 WHERE id = $1', [
      tenantId,
      exportedAt,
    ]);
    await platformAudit(client, 'tenant.export', { tenantId, slug: tenant.slug, tables });
    return manifest;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Deletes a dealer tenant and everything it owns, after an export made since its last upload
 * and with its slug typed as confirmation. Tables are emptied batch by batch (each statement
 * its own transaction), children before parents, then the tenant row goes.
 */
export async function deleteTenant(
  pool: pg.Pool,
  tenantId: string,
  confirmSlug: string,
  batchSize = OFFBOARDING_BATCH_SIZE,
): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    const tenant = await dealerTenant(client, tenantId);
    if (confirmSlug !== tenant.slug)
      throw new OffboardingRefusal(
        `Refused: the confirmation must be the tenant's slug (${tenant.slug}).`,
      );
    const exportedAt = tenant.offboarding_exported_at;
    if (!exportedAt)
      throw new OffboardingRefusal(
        `Refused: tenant ${tenant.slug} has no export; export it first (offboard-tenant export).`,
      );
    const { rows } = await client.query<{ latest: Date | null }>(
      'SELECT max(received_at) AS latest FROM uploads WHERE tenant_id = $1',
      [tenantId],
    );
    const latest = rows[0]?.latest ?? null;
    if (latest && latest > exportedAt)
      throw new OffboardingRefusal(
        `Refused: an upload arrived at ${latest.toISOString()}, after the export of ${exportedAt.toISOString()}; export again.`,
      );
    const deleted: Record<string, number> = {};
    const keys = new Map<string, string[]>();
    for (const table of await tenantTables(client))
      keys.set(table, await primaryKey(client, table));
    let pending = [...keys.keys()];
    // A table still referenced by another's rows waits for a later round.
    while (pending.length > 0) {
      const blocked: string[] = [];
      for (const table of pending) {
        try {
          deleted[table] =
            (deleted[table] ?? 0) +
            (await deleteAll(client, table, keys.get(table)!, tenantId, batchSize));
        } catch (error) {
          if ((error as { code?: string }).code !== '23503') throw error;
          blocked.push(table);
        }
      }
      if (blocked.length === pending.length)
        throw new Error(`tables still referenced after a round: ${blocked.join(', ')}`);
      pending = blocked;
    }
    await client.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
    await platformAudit(client, 'tenant.delete', { tenantId, slug: tenant.slug, deleted });
    return deleted;
  } finally {
    client.release();
  }
}

async function dealerTenant(client: pg.PoolClient, tenantId: string): Promise<TenantRow> {
  const { rows } = await client.query<TenantRow>(
    'SELECT id, name, slug, kind, offboarding_exported_at FROM tenants WHERE id = $1',
    [tenantId],
  );
  const tenant = rows[0];
  if (!tenant) throw new OffboardingRefusal(`Refused: no tenant ${tenantId}.`);
  if (tenant.kind !== 'DEALER')
    throw new OffboardingRefusal(`Refused: ${tenant.slug} is the platform tenant.`);
  return tenant;
}

/** The tables holding a tenant_id column (partitions counted once, through their parent). */
async function tenantTables(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND NOT c.relispartition
      ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

async function primaryKey(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column: string }>(
    `SELECT a.attname AS column
       FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey, a.attnum)`,
    [`public."${table}"`],
  );
  if (rows.length === 0) throw new Error(`${table} has no primary key`);
  return rows.map((row) => row.column);
}

async function copyRows(
  client: pg.PoolClient,
  zip: Zip,
  name: string,
  select: string,
  tenantId: string,
  batchSize: number,
  output: WriteStream,
): Promise<number> {
  const file = new ZipDeflate(`${name}.ndjson`, { level: 6 });
  zip.add(file);
  const cursor = `offboard_${name}`;
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select}`, [tenantId]);
  const encoder = new TextEncoder();
  let count = 0;
  for (;;) {
    const { rows } = await client.query<{ line: string }>(
      `FETCH FORWARD ${batchSize} FROM ${cursor}`,
    );
    if (rows.length > 0)
      file.push(encoder.encode(rows.map((row) => `${row.line}\n`).join('')), false);
    count += rows.length;
    if (output.writableNeedDrain) await once(output, 'drain');
    if (rows.length < batchSize) break;
  }
  file.push(new Uint8Array(0), true);
  await client.query(`CLOSE ${cursor}`);
  return count;
}

async function deleteAll(
  client: pg.PoolClient,
  table: string,
  key: string[],
  tenantId: string,
  batchSize: number,
): Promise<number> {
  const columns = key.map((column) => `"${column}"`).join(', ');
  const match = key.map((column) => `t."${column}" = old."${column}"`).join(' AND ');
  let total = 0;
  for (;;) {
    const result = await client.query(
      `DELETE FROM "${table}" t
        USING (SELECT ${columns} FROM "${table}" WHERE tenant_id = $1 LIMIT $2) old
        WHERE ${match}`,
      [tenantId, batchSize],
    );
    total += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < batchSize) return total;
  }
}

async function platformAudit(
  client: pg.PoolClient,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await client.query(
    `INSERT INTO platform_audit_events (actor_kind, actor_id, action, outcome, details)
     VALUES ('SYSTEM', 'offboard-tenant', $1, 'SUCCESS', $2)`,
    [action, JSON.stringify(details)],
  );
}
