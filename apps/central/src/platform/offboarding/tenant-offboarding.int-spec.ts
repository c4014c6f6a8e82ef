import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '@prisma/client';
import { unzipSync } from 'fflate';
import pg from 'pg';
import {
  createTestTenant,
  populateCustomerRows,
  type TestTenant,
} from '../../../../../tools/testing/factories.js';
import { createPrismaClient } from '../prisma/prisma-client.factory.js';
import { deleteTenant, exportTenant, type TenantExport } from './tenant-offboarding.js';

// A dealer's offboarding on the real database: every row of every tenant table exported (the
// tables found from the catalog, so a new one cannot be forgotten), deletion refused without a
// fresh export or the slug, then every row of the tenant gone and the other tenant untouched.

const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL']!;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');

describe('tenant offboarding', () => {
  let owner: PrismaClient;
  let pool: pg.Pool;
  let a: TestTenant;
  let b: TestTenant;
  let tables: string[];
  const work = mkdtempSync(join(tmpdir(), 'pb-offboard-'));

  const rowCounts = async (tenantId: string) => {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${table}" WHERE tenant_id = $1`,
        [tenantId],
      );
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  };

  beforeAll(async () => {
    owner = createPrismaClient(ownerUrl);
    pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
    a = await createTestTenant(owner, { users: true });
    b = await createTestTenant(owner, { users: true });
    await populateCustomerRows(owner, a.tenant.id, a);
    await populateCustomerRows(owner, b.tenant.id, b);
    const { rows } = await pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND NOT c.relispartition ORDER BY 1`,
    );
    tables = rows.map((row) => row.name);
  }, 120_000);

  afterAll(async () => {
    await pool.end();
    await owner.$disconnect();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports every row of the tenant: one NDJSON file per table and a manifest', async () => {
    const file = join(work, 'a.zip');
    const manifest = await exportTenant(pool, a.tenant.id, file, 2);
    const counts = await rowCounts(a.tenant.id);
    expect(Object.values(counts).every((n) => n > 0)).toBe(true);
    expect(manifest.tables).toEqual({ tenants: 1, ...counts });

    const entries = unzipSync(readFileSync(file));
    const lines = (name: string) =>
      new TextDecoder()
        .decode(entries[`${name}.ndjson`])
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const stored = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as TenantExport;
    expect(stored).toEqual(manifest);
    expect(lines('tenants')).toEqual([expect.objectContaining({ id: a.tenant.id })]);
    for (const table of tables) {
      const rows = lines(table);
      expect({ table, rows: rows.length }).toEqual({ table, rows: counts[table] });
      expect(rows.every((row) => row['tenant_id'] === a.tenant.id)).toBe(true);
    }
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('refuses to delete without the slug, or when an upload came after the export', async () => {
    await expect(deleteTenant(pool, a.tenant.id, 'not-the-slug')).rejects.toThrow(
      `the confirmation must be the tenant's slug (${a.tenant.slug})`,
    );
    await expect(deleteTenant(pool, b.tenant.id, b.tenant.slug)).rejects.toThrow(
      `tenant ${b.tenant.slug} has no export`,
    );
    await pool.query(
      `UPDATE uploads SET received_at = now() + interval '1 minute' WHERE tenant_id = $1`,
      [a.tenant.id],
    );
    await expect(deleteTenant(pool, a.tenant.id, a.tenant.slug)).rejects.toThrow(
      'after the export',
    );
    const platform = await owner.tenant.findFirstOrThrow({ where: { kind: 'PLATFORM' } });
    await expect(deleteTenant(pool, platform.id, platform.slug)).rejects.toThrow(
      'is the platform tenant',
    );
    expect(Object.values(await rowCounts(a.tenant.id)).every((n) => n > 0)).toBe(true);
  });

  it('deletes every row of the tenant in batches and leaves the other tenant as it was', async () => {
    await pool.query(`UPDATE uploads SET received_at = now() WHERE tenant_id = $1`, [a.tenant.id]);
    await exportTenant(pool, a.tenant.id, join(work, 'a-again.zip'));
    const other = await rowCounts(b.tenant.id);
    const before = await rowCounts(a.tenant.id);

    const deleted = await deleteTenant(pool, a.tenant.id, a.tenant.slug, 1);
    expect(Object.values(await rowCounts(a.tenant.id)).every((n) => n === 0)).toBe(true);
    // Rows a cascade took with their parent are not counted twice.
    expect(Object.values(deleted).reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(
      Object.values(before).reduce((sum, n) => sum + n, 0),
    );
    expect(await owner.tenant.count({ where: { id: a.tenant.id } })).toBe(0);
    expect(await rowCounts(b.tenant.id)).toEqual(other);
    const audit = await owner.platformAuditEvent.findMany({
      where: { action: { in: ['tenant.export', 'tenant.delete'] } },
      select: { action: true, details: true },
    });
    expect(
      audit.filter((event) => (event.details as { tenantId?: string }).tenantId === a.tenant.id),
    ).toHaveLength(3);
  });

  it('runs as a command: usage, refusal and export exit codes', () => {
    spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/central'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'apps/central/bin/offboard-tenant.js'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          NODE_ENV: 'development',
          DATA_DIR: join(work, 'data'),
          DATABASE_URL: ownerUrl,
          DATABASE_APP_URL: process.env['PRINTBEAT_TEST_APP_DATABASE_URL'] ?? '',
          JWT_SECRET: randomBytes(32).toString('hex'),
        },
      });
    const usage = cli([]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('offboard-tenant export <tenant-id> --out <file.zip>');

    const refused = cli(['delete', b.tenant.id, '--confirm', 'wrong']);
    expect({ status: refused.status, stderr: refused.stderr }).toEqual({
      status: 2,
      stderr: `Refused: the confirmation must be the tenant's slug (${b.tenant.slug}).\n`,
    });

    const file = join(work, 'b.zip');
    const exported = cli(['export', b.tenant.id, '--out', file]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(
      new RegExp(`^Exported tenant ${b.tenant.slug} .* to ${file}\\n$`),
    );
    expect(Object.keys(unzipSync(readFileSync(file)))).toContain('manifest.json');
  }, 120_000);
});
