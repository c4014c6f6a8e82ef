import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Runs infra/postgres/meter-read-partitioning.sql for real: a fresh database on the test run's
// embedded PostgreSQL 18, the project's own migrations, some meter reads and discontinuities,
// then the script — and checks that nothing was lost and every constraint still holds.

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const script = readFileSync(join(repoRoot, 'infra/postgres/meter-read-partitioning.sql'), 'utf8');
const serverUrl = process.env['PRINTBEAT_TEST_DATABASE_URL']!;

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
const CUSTOMER = '33333333-3333-4333-8333-333333333333';
const DEVICE = '44444444-4444-4444-8444-444444444444';

async function onServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('infra/postgres/meter-read-partitioning.sql on PostgreSQL 18', () => {
  const database = `partitioning_${randomBytes(4).toString('hex')}`;
  let client: pg.Client;
  let policiesBefore: unknown[];
  let checksBefore: unknown[];
  const checksQuery = `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                        WHERE conrelid = 'meter_reads'::regclass AND contype = 'c' ORDER BY 1`;
  const policiesQuery = `SELECT policyname, permissive, roles::text[] AS roles, cmd, qual, with_check
                           FROM pg_policies WHERE tablename = 'meter_reads' ORDER BY policyname`;

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();

    const migrationsDir = join(repoRoot, 'prisma/migrations');
    for (const migration of readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()) {
      await client.query(readFileSync(join(migrationsDir, migration, 'migration.sql'), 'utf8'));
    }

    await client.query(`
      INSERT INTO tenants (id, name, slug) VALUES ('${TENANT}', 'Dealer A', 'dealer-a'), ('${OTHER_TENANT}', 'Dealer B', 'dealer-b');
      INSERT INTO customers (tenant_id, id, name) VALUES ('${TENANT}', '${CUSTOMER}', 'Customer');
      INSERT INTO devices (tenant_id, id, customer_id) VALUES ('${TENANT}', '${DEVICE}', '${CUSTOMER}');
      INSERT INTO meter_reads (tenant_id, id, customer_id, device_id, read_at, last_seen_at, counters) VALUES
        ('${TENANT}', 'aaaaaaaa-0000-4000-8000-000000000001', '${CUSTOMER}', '${DEVICE}', '2025-11-15T08:00:00Z', '2025-11-15T09:00:00Z', '{"total": 1000}'),
        ('${TENANT}', 'aaaaaaaa-0000-4000-8000-000000000002', '${CUSTOMER}', '${DEVICE}', '2025-12-03T08:00:00Z', '2025-12-03T08:00:00Z', '{"total": 1500}'),
        ('${TENANT}', 'aaaaaaaa-0000-4000-8000-000000000003', '${CUSTOMER}', '${DEVICE}', '2026-01-20T08:00:00Z', '2026-01-20T08:00:00Z', '{"total": 40}');
      INSERT INTO meter_discontinuities (tenant_id, customer_id, device_id, counter, before_read_id, after_read_id, before_value, after_value)
        VALUES ('${TENANT}', '${CUSTOMER}', '${DEVICE}', 'total', 'aaaaaaaa-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000003', 1500, 40);
      INSERT INTO meter_read_reviews (tenant_id, customer_id, device_id, read_id, read_at, counter, reason, original_value)
        VALUES ('${TENANT}', '${CUSTOMER}', '${DEVICE}', 'aaaaaaaa-0000-4000-8000-000000000001', '2025-11-15T08:00:00Z', 'total', 'SOURCE_DISAGREEMENT', 1000);
    `);

    // Row-level security as the tenancy design has it (added here if the migrations do not yet).
    const existing = await client.query(
      `SELECT count(*)::int AS n FROM pg_policies WHERE tablename = 'meter_reads'`,
    );
    if (existing.rows[0].n === 0) {
      await client.query(`
        ALTER TABLE meter_reads ENABLE ROW LEVEL SECURITY;
        ALTER TABLE meter_reads FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON meter_reads USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
      `);
    }
    await client.query(`
      DO $$ BEGIN CREATE ROLE infra_check_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
      GRANT SELECT, INSERT, UPDATE ON meter_reads TO infra_check_app;
      GRANT SELECT ON tenants, meter_discontinuities TO infra_check_app;
    `);

    policiesBefore = (await client.query(policiesQuery)).rows;
    checksBefore = (await client.query(checksQuery)).rows;
    await client.query(script);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await onServer(`DROP DATABASE IF EXISTS ${database}`);
  }, 60_000);

  it('turns meter_reads into a range-partitioned table with monthly partitions and a default', async () => {
    const kind = await client.query(
      `SELECT relkind FROM pg_class WHERE oid = 'meter_reads'::regclass`,
    );
    expect(kind.rows[0].relkind).toBe('p');
    const partitions = await client.query(
      `SELECT inhrelid::regclass::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE inhparent = 'meter_reads'::regclass ORDER BY 1`,
    );
    const names = partitions.rows.map((row: { name: string }) => row.name);
    expect(names).toContain('meter_reads_default');
    expect(names).toEqual(
      expect.arrayContaining(['meter_reads_p202511', 'meter_reads_p202512', 'meter_reads_p202601']),
    );
    // Through three months ahead of today, so next month's uploads never hit the default.
    const ahead = new Date();
    ahead.setUTCDate(1);
    ahead.setUTCMonth(ahead.getUTCMonth() + 3);
    expect(names).toContain(`meter_reads_p${monthKey(ahead)}`);
    const bound = partitions.rows.find(
      (row: { name: string }) => row.name === 'meter_reads_p202512',
    )?.bound;
    expect(bound).toBe(`FOR VALUES FROM ('2025-12-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')`);
  });

  it('keeps every reading, each in its month', async () => {
    const rows = await client.query(
      `SELECT id, tableoid::regclass::text AS partition, counters->>'total' AS total FROM meter_reads ORDER BY read_at`,
    );
    expect(rows.rows).toEqual([
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        partition: 'meter_reads_p202511',
        total: '1000',
      },
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000002',
        partition: 'meter_reads_p202512',
        total: '1500',
      },
      { id: 'aaaaaaaa-0000-4000-8000-000000000003', partition: 'meter_reads_p202601', total: '40' },
    ]);
    const gone = await client.query(`SELECT to_regclass('meter_reads_unpartitioned') AS old`);
    expect(gone.rows[0].old).toBeNull();
  });

  it('still refuses a second reading of the same device at the same instant', async () => {
    await expect(
      client.query(
        `INSERT INTO meter_reads (tenant_id, customer_id, device_id, read_at, last_seen_at, counters)
         VALUES ('${TENANT}', '${CUSTOMER}', '${DEVICE}', '2025-12-03T08:00:00Z', '2025-12-03T08:00:00Z', '{}')`,
      ),
    ).rejects.toThrow(/meter_reads_p202512_tenant_id_device_id_read_at_idx|duplicate key/);
  });

  it('keeps discontinuities tied to their reads (backfilled read_at, enforced and cascading)', async () => {
    const discontinuity = await client.query(
      `SELECT before_read_at, after_read_at FROM meter_discontinuities`,
    );
    expect(discontinuity.rows[0].before_read_at.toISOString()).toBe('2025-12-03T08:00:00.000Z');
    expect(discontinuity.rows[0].after_read_at.toISOString()).toBe('2026-01-20T08:00:00.000Z');
    await expect(
      client.query(
        `INSERT INTO meter_discontinuities (tenant_id, customer_id, device_id, counter, before_read_id, before_read_at, after_read_id, after_read_at, before_value, after_value)
         VALUES ('${TENANT}', '${CUSTOMER}', '${DEVICE}', 'mono', 'aaaaaaaa-0000-4000-8000-000000000002', '2025-12-04T08:00:00Z',
                 'aaaaaaaa-0000-4000-8000-000000000003', '2026-01-20T08:00:00Z', 10, 1)`,
      ),
    ).rejects.toThrow(/violates foreign key constraint "meter_discontinuities_before_read_fkey"/);
    // A read review points at its read by (id, read_at) as well.
    await expect(
      client.query(
        `INSERT INTO meter_read_reviews (tenant_id, customer_id, device_id, read_id, read_at, counter, reason, original_value)
         VALUES ('${TENANT}', '${CUSTOMER}', '${DEVICE}', 'aaaaaaaa-0000-4000-8000-000000000002', '2025-12-04T08:00:00Z', 'mono', 'SOURCE_DISAGREEMENT', 1)`,
      ),
    ).rejects.toThrow(/violates foreign key constraint "meter_read_reviews_read_fkey"/);
    // A reading of another tenant cannot be pointed at either: tenant_id is in the key.
    await expect(
      client.query(`UPDATE meter_discontinuities SET tenant_id = '${OTHER_TENANT}'`),
    ).rejects.toThrow(/foreign key/);
    await client.query('BEGIN');
    await client.query(`DELETE FROM meter_reads WHERE id = 'aaaaaaaa-0000-4000-8000-000000000003'`);
    const left = await client.query(`SELECT count(*)::int AS n FROM meter_discontinuities`);
    expect(left.rows[0].n).toBe(0);
    await client.query('ROLLBACK');
  });

  it('keeps row-level security, its policies, check constraints and the grants on the new table', async () => {
    expect((await client.query(checksQuery)).rows).toEqual(checksBefore);
    const flags = await client.query(
      `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'meter_reads'::regclass`,
    );
    expect(flags.rows[0]).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    const policiesAfter = (await client.query(policiesQuery)).rows;
    expect(policiesBefore.length).toBeGreaterThan(0);
    expect(policiesAfter).toEqual(policiesBefore);
    const grants = await client.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'meter_reads' AND grantee = 'infra_check_app' ORDER BY 1`,
    );
    expect(grants.rows.map((row: { privilege_type: string }) => row.privilege_type)).toEqual([
      'INSERT',
      'SELECT',
      'UPDATE',
    ]);

    // The policy still filters through the parent for a role without BYPASSRLS.
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE infra_check_app');
    await client.query(`SET LOCAL app.tenant_id = '${OTHER_TENANT}'`);
    const hidden = await client.query(`SELECT count(*)::int AS n FROM meter_reads`);
    await client.query(`SET LOCAL app.tenant_id = '${TENANT}'`);
    const visible = await client.query(`SELECT count(*)::int AS n FROM meter_reads`);
    await client.query('ROLLBACK');
    expect({ hidden: hidden.rows[0].n, visible: visible.rows[0].n }).toEqual({
      hidden: 0,
      visible: 3,
    });
  });

  it('parks a reading with a wild clock in the default partition and moves it when its month is created', async () => {
    await client.query(
      `INSERT INTO meter_reads (tenant_id, customer_id, device_id, read_at, last_seen_at, counters)
       VALUES ('${TENANT}', '${CUSTOMER}', '${DEVICE}', '2031-07-04T10:00:00Z', '2031-07-04T10:00:00Z', '{"total": 5}')`,
    );
    const parked = await client.query(
      `SELECT tableoid::regclass::text AS partition FROM meter_reads WHERE read_at = '2031-07-04T10:00:00Z'`,
    );
    expect(parked.rows[0].partition).toBe('meter_reads_default');
    const created = await client.query(
      `SELECT printbeat_ensure_meter_read_partitions('2031-06-01', 3) AS n`,
    );
    expect(created.rows[0].n).toBe(3);
    const moved = await client.query(
      `SELECT tableoid::regclass::text AS partition FROM meter_reads WHERE read_at = '2031-07-04T10:00:00Z'`,
    );
    expect(moved.rows[0].partition).toBe('meter_reads_p203107');
    const again = await client.query(
      `SELECT printbeat_ensure_meter_read_partitions('2031-06-01', 3) AS n`,
    );
    expect(again.rows[0].n).toBe(0);
  });

  it('prunes a usage query to the months it asks for', async () => {
    const plan = await client.query(
      `EXPLAIN (FORMAT JSON) SELECT counters FROM meter_reads
        WHERE tenant_id = '${TENANT}' AND device_id = '${DEVICE}' AND read_at >= '2025-12-01' AND read_at < '2026-01-01'`,
    );
    const text = JSON.stringify(plan.rows[0]['QUERY PLAN']);
    expect(text).toContain('meter_reads_p202512');
    expect(text).not.toContain('meter_reads_p202511');
    expect(text).not.toContain('meter_reads_p202601');
  });

  it('lets retention drop whole months that hold nothing that must stay', async () => {
    const drop = async (cutoff: string) =>
      (
        await client.query(
          `SELECT name FROM app_drop_meter_read_partitions_before('${cutoff}') AS name ORDER BY 1`,
        )
      ).rows.map((row: { name: string }) => row.name);
    // Nothing goes while November holds a read waiting for review; decided, it goes with it.
    expect(await drop('2026-02-01')).toEqual([]);
    await client.query(`UPDATE meter_read_reviews SET status = 'APPROVED'`);
    // November goes; December and January hold the reads an open discontinuity points at.
    expect(await drop('2026-02-01')).toEqual(['meter_reads_p202511']);
    expect(
      (await client.query('SELECT count(*)::int AS n FROM meter_read_reviews')).rows[0],
    ).toEqual({ n: 0 });
    await client.query(`UPDATE meter_discontinuities SET status = 'ACCEPTED_RESET', "offset" = 0`);
    expect(await drop('2026-02-01')).toEqual(['meter_reads_p202512', 'meter_reads_p202601']);
    const left = await client.query(
      `SELECT (SELECT count(*)::int FROM meter_discontinuities) AS discontinuities,
              (SELECT array_agg(read_at ORDER BY read_at)::text FROM meter_reads) AS reads`,
    );
    // The device's newest read (2031, in its own month) is never in a dropped month.
    expect(left.rows[0]).toEqual({ discontinuities: 0, reads: '{"2031-07-04 10:00:00+00"}' });
    expect(await drop('2040-01-01')).not.toContain('meter_reads_p203107');
  });

  it('refuses to run twice', async () => {
    await expect(client.query(script)).rejects.toThrow(/already partitioned/);
    await client.query('ROLLBACK');
  });
});
