import { EventEmitter } from 'node:events';
import type { PrismaClient } from '@prisma/client';
import pg from 'pg';
import {
  createTestTenant,
  populateCustomerRows,
  type TestTenant,
} from '../../../../../tools/testing/factories.js';
import type { DatabaseHandle } from '../database/database.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { createPrismaClient } from './prisma-client.factory.js';
import { TenantPrisma } from './tenant-prisma.js';
import { TransactionSqlRegistry, type TransactionSql } from './transaction-sql.js';

// TenantPrisma.sql: plain node-postgres statements inside a tenant transaction must be that
// transaction — same connection, same tenant settings, row-level security, commit and
// rollback — or ingest's bulk writes would escape tenancy or survive a failed upload.

const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL']!;
const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL']!;

const system = (tenantId: string): TenantContext => ({
  tenantId,
  customerId: null,
  actor: { kind: 'system', name: 'transaction-sql-test' },
});

describe('TenantPrisma.sql', () => {
  let owner: PrismaClient;
  let tenantPrisma: TenantPrisma;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    owner = createPrismaClient(ownerUrl);
    const handle: DatabaseHandle = {
      ownerUrl,
      appUrl,
      embedded: false,
      stop: () => Promise.resolve(),
    };
    tenantPrisma = new TenantPrisma(handle);
    a = await createTestTenant(owner);
    b = await createTestTenant(owner);
    await populateCustomerRows(owner, b.tenant.id, b);
  });

  afterAll(async () => {
    await tenantPrisma.onApplicationShutdown();
    await owner.$disconnect();
  });

  it('runs on the transaction’s own connection, with its tenant settings', async () => {
    const seen = await tenantPrisma.runAs(system(a.tenant.id), async (tx) => {
      const sql = await tenantPrisma.sql(tx);
      const [viaPrisma] = await tx.$queryRaw<
        { pid: number; xid: string }[]
      >`SELECT pg_backend_pid() AS pid, txid_current()::text AS xid`;
      const [viaSql] = await sql.query<{
        pid: number;
        xid: string;
        tenant: string;
        role: string;
        n: unknown;
      }>(
        `SELECT pg_backend_pid() AS pid, txid_current()::text AS xid, current_setting('app.tenant_id') AS tenant, current_user AS role, 1::int8 AS n`,
        [],
      );
      return { viaPrisma, viaSql };
    });
    // node-postgres itself answered (it decodes int8 as text; Prisma's fallback gives a BigInt).
    expect(seen.viaSql?.n).toBe('1');
    expect(seen.viaSql?.pid).toBe(seen.viaPrisma!.pid);
    expect(seen.viaSql?.xid).toBe(seen.viaPrisma!.xid);
    expect(seen.viaSql?.tenant).toBe(a.tenant.id);
    expect(seen.viaSql?.role).not.toBe(new URL(ownerUrl).username);
  });

  it('sees only its tenant’s rows (row-level security)', async () => {
    const { devices, total } = await tenantPrisma.runAs(system(a.tenant.id), async (tx) => {
      const sql = await tenantPrisma.sql(tx);
      return {
        devices: await sql.query<{ id: string }>(
          'SELECT id FROM devices WHERE tenant_id = $1::uuid',
          [b.tenant.id],
        ),
        total: await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM customers', []),
      };
    });
    expect(await owner.device.count({ where: { tenantId: b.tenant.id } })).toBeGreaterThan(0);
    expect(devices).toEqual([]);
    expect(total[0]!.n).toBe(await owner.customer.count({ where: { tenantId: a.tenant.id } }));
  });

  it('commits with the transaction, and rolls back with it when the callback fails', async () => {
    const insert = (sql: TransactionSql, name: string) =>
      sql.execute(
        `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1::uuid, $2, now())`,
        [a.tenant.id, name],
      );

    await tenantPrisma.runAs(system(a.tenant.id), async (tx) =>
      insert(await tenantPrisma.sql(tx), 'Committed Ltd'),
    );
    await expect(
      tenantPrisma.runAs(system(a.tenant.id), async (tx) => {
        await insert(await tenantPrisma.sql(tx), 'Rolled Back Ltd');
        throw new Error('upload refused');
      }),
    ).rejects.toThrow('upload refused');

    const names = (await owner.customer.findMany({ where: { tenantId: a.tenant.id } })).map(
      (c) => c.name,
    );
    expect(names).toContain('Committed Ltd');
    expect(names).not.toContain('Rolled Back Ltd');
  });

  it('a failing statement fails the transaction (nothing of it is kept)', async () => {
    await expect(
      tenantPrisma.runAs(system(a.tenant.id), async (tx) => {
        const sql = await tenantPrisma.sql(tx);
        await sql.execute(
          `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1::uuid, 'Half Done Ltd', now())`,
          [a.tenant.id],
        );
        // Another tenant's id: refused by the row-level security policy's WITH CHECK.
        await sql.execute(
          `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1::uuid, 'Intruder Ltd', now())`,
          [b.tenant.id],
        );
      }),
    ).rejects.toThrow(/row-level security/);
    expect(
      await owner.customer.count({ where: { name: { in: ['Half Done Ltd', 'Intruder Ltd'] } } }),
    ).toBe(0);
  });

  it('refuses to run once its transaction has ended', async () => {
    const sql = await tenantPrisma.runAs(system(a.tenant.id), (tx) => tenantPrisma.sql(tx));
    await expect(sql.query('SELECT 1', [])).rejects.toThrow(/after its transaction ended/);
  });

  it('a pooled client that only claims the transaction’s process id is not used', async () => {
    // As behind a pooler with made-up process ids: the pool announces another session under
    // the pid of the transaction's own connection. The token check must refuse it.
    const pool = new EventEmitter();
    const registry = new TransactionSqlRegistry(pool as unknown as pg.Pool);
    const impostor = new pg.Client({ connectionString: ownerUrl });
    await impostor.connect();
    try {
      const seen = await owner.$transaction(async (tx) => {
        const [own] = await tx.$queryRaw<
          { pid: number; xid: string }[]
        >`SELECT pg_backend_pid() AS pid, txid_current()::text AS xid`;
        Object.assign(impostor, { processID: own!.pid });
        pool.emit('connect', impostor);
        const sql = await registry.of(tx);
        const [row] = await sql.query<{ pid: number; xid: string; n: unknown }>(
          'SELECT pg_backend_pid() AS pid, txid_current()::text AS xid, 1::int8 AS n',
          [],
        );
        return { own: own!, row: row! };
      });
      expect(seen.row.pid).toBe(seen.own.pid);
      expect(seen.row.xid).toBe(seen.own.xid);
      expect(typeof seen.row.n).toBe('bigint');
    } finally {
      await impostor.end();
    }
  });

  it('inside another client’s transaction it falls back to Prisma’s raw queries', async () => {
    const role = await owner.$transaction(async (tx) => {
      const sql = await tenantPrisma.sql(tx);
      const [row] = await sql.query<{ role: string; n: number }>(
        'SELECT current_user::text AS role, $1::int + 1 AS n',
        [41],
      );
      return row;
    });
    expect(role).toEqual({ role: new URL(ownerUrl).username, n: 42 });
  });
});
