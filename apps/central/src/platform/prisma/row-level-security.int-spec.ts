import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import pg from 'pg';
import {
  createTestCustomer,
  createTestTenant,
  populateCustomerRows,
  type TestTenant,
} from '../../../../../tools/testing/factories.js';
import type { DatabaseHandle } from '../database/database.js';
import { TenantContextNotSetError, type TenantContext } from '../tenancy/tenant-context.js';
import { createPrismaClient } from './prisma-client.factory.js';
import { TenantPrisma } from './tenant-prisma.js';

// The second wall, proven against the real database: the application role under tenant B's
// context sees, changes and creates nothing of tenant A — on every tenant-owned table, found
// from the catalog so a new table cannot be forgotten — and customer scoping hides other
// customers' rows inside a tenant.

const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL']!;
const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL']!;

const system = (tenantId: string, customerId: string | null = null): TenantContext => ({
  tenantId,
  customerId,
  actor: { kind: 'system', name: 'rls-test' },
});

/** Runs `fn` as the app role in one transaction with the given tenant/customer settings. */
async function asApp<T>(
  pool: pg.Pool,
  settings: { tenantId: string | null; customerId?: string | null },
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      "SELECT set_config('app.tenant_id', $1, true), set_config('app.customer_id', $2, true)",
      [settings.tenantId ?? '', settings.customerId ?? ''],
    );
    return await fn(client);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

describe('row-level security', () => {
  let owner: PrismaClient;
  let appPool: pg.Pool;
  let ownerPool: pg.Pool;
  let tenantPrisma: TenantPrisma;
  let a: TestTenant;
  let b: TestTenant;
  let aRows: Record<string, string>;
  let tenantTables: string[];

  beforeAll(async () => {
    owner = createPrismaClient(ownerUrl);
    appPool = new pg.Pool({ connectionString: appUrl, max: 2 });
    ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
    const handle: DatabaseHandle = {
      ownerUrl,
      appUrl,
      embedded: false,
      stop: () => Promise.resolve(),
    };
    tenantPrisma = new TenantPrisma(handle);
    a = await createTestTenant(owner, { users: true });
    b = await createTestTenant(owner, { users: true });
    aRows = await populateCustomerRows(owner, a.tenant.id, a);
    await populateCustomerRows(owner, b.tenant.id, b);
    const { rows } = await ownerPool.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = 'tenant_id'
        ORDER BY 1`,
    );
    tenantTables = rows.map((row) => row.table_name);
  }, 120_000);

  afterAll(async () => {
    await tenantPrisma.onApplicationShutdown();
    await owner.$disconnect();
    await appPool.end();
    await ownerPool.end();
  });

  it('covers every tenant-owned table: RLS enabled and forced, with the tenant policy', async () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(22);
    const { rows } = await ownerPool.query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      policies: string[];
    }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              coalesce(array_agg(p.polname::text ORDER BY p.polname) FILTER (WHERE p.polname IS NOT NULL), '{}') AS policies
         FROM pg_class c LEFT JOIN pg_policy p ON p.polrelid = c.oid
        WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace
        GROUP BY 1, 2, 3 ORDER BY 1`,
      [[...tenantTables, 'tenants']],
    );
    expect(rows).toHaveLength(tenantTables.length + 1);
    for (const row of rows) {
      expect({
        table: row.relname,
        enabled: row.relrowsecurity,
        forced: row.relforcerowsecurity,
        policies: row.policies,
      }).toEqual({
        table: row.relname,
        enabled: true,
        forced: true,
        policies: ['platform_access', 'tenant_isolation'],
      });
    }
  });

  it('every tenant-owned table has a row of tenant A (so the zero counts below mean something)', async () => {
    for (const table of tenantTables) {
      const { rows } = await ownerPool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${table}" WHERE tenant_id = $1`,
        [a.tenant.id],
      );
      expect({ table, hasRows: Number(rows[0]!.n) > 0 }).toEqual({ table, hasRows: true });
    }
  });

  it('the app role under tenant B sees zero of A’s rows and its own rows on every table (raw SQL)', async () => {
    await asApp(appPool, { tenantId: b.tenant.id }, async (client) => {
      for (const table of tenantTables) {
        const other = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${table}" WHERE tenant_id = $1`,
          [a.tenant.id],
        );
        const all = await client.query<{ n: string; foreign: string }>(
          `SELECT count(*) AS n, count(*) FILTER (WHERE tenant_id <> $1) AS foreign FROM "${table}"`,
          [b.tenant.id],
        );
        expect({
          table,
          aRows: Number(other.rows[0]!.n),
          foreign: Number(all.rows[0]!.foreign),
          own: Number(all.rows[0]!.n) > 0,
        }).toEqual({
          table,
          aRows: 0,
          foreign: 0,
          own: true,
        });
      }
      const tenants = await client.query<{ id: string }>('SELECT id FROM tenants');
      expect(tenants.rows.map((row) => row.id)).toEqual([b.tenant.id]);
    });
  });

  it('the app role with no tenant set sees no rows at all', async () => {
    await asApp(appPool, { tenantId: null }, async (client) => {
      for (const table of [...tenantTables, 'tenants']) {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
        expect({ table, n: Number(rows[0]!.n) }).toEqual({ table, n: 0 });
      }
    });
  });

  it('the app role cannot touch A’s rows by id: updates and deletes affect nothing', async () => {
    await asApp(appPool, { tenantId: b.tenant.id }, async (client) => {
      for (const [table, id] of Object.entries(aRows)) {
        const key = table === 'upload_blobs' ? 'upload_id' : 'id';
        const deleted = await client.query(`DELETE FROM "${table}" WHERE ${key} = $1`, [id]);
        expect({ table, deleted: deleted.rowCount }).toEqual({ table, deleted: 0 });
      }
      const updated = await client.query(
        "UPDATE customers SET name = 'stolen' WHERE tenant_id = $1",
        [a.tenant.id],
      );
      expect(updated.rowCount).toBe(0);
    });
    const customer = await owner.customer.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: a.tenant.id, id: a.customer.id } },
    });
    expect(customer.name).toBe(a.customer.name);
  });

  it('WITH CHECK refuses rows with another tenant’s id, and moving a row to another tenant', async () => {
    await expect(
      asApp(appPool, { tenantId: b.tenant.id }, (client) =>
        client.query('INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1, $2, now())', [
          a.tenant.id,
          'planted',
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asApp(appPool, { tenantId: b.tenant.id }, (client) =>
        client.query('UPDATE customers SET tenant_id = $1 WHERE id = $2', [
          a.tenant.id,
          b.customer.id,
        ]),
      ),
    ).rejects.toThrow(/row-level security|violates foreign key/);
  });

  it('the app role is NOSUPERUSER, NOBYPASSRLS, owns no table and has no DDL or platform-table rights', async () => {
    const role = new URL(appUrl).username;
    const { rows } = await ownerPool.query<{
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreaterole: boolean;
      rolcreatedb: boolean;
      owned: string;
    }>(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
              (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = $1`,
      [role],
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned: '0',
    });
    await expect(
      asApp(appPool, { tenantId: b.tenant.id }, (client) =>
        client.query('CREATE TABLE sneaky (id int)'),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asApp(appPool, { tenantId: null }, (client) =>
        client.query('SELECT * FROM "_prisma_migrations"'),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asApp(appPool, { tenantId: null }, (client) =>
        client.query('SELECT * FROM platform_audit_events'),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asApp(appPool, { tenantId: b.tenant.id }, (client) =>
        client.query('ALTER TABLE devices DISABLE ROW LEVEL SECURITY'),
      ),
    ).rejects.toThrow(/must be owner/);
  });

  describe('TenantPrisma', () => {
    const models = Prisma.dmmf.datamodel.models.filter((model) =>
      model.fields.some((field) => field.name === 'tenantId'),
    );
    const delegate = (tx: Prisma.TransactionClient, model: string) =>
      (tx as unknown as Record<string, { count: (args?: unknown) => Promise<number> }>)[
        model[0]!.toLowerCase() + model.slice(1)
      ]!;

    it('under tenant B counts zero of A’s rows in every model and only its own in total', async () => {
      expect(models.length).toBeGreaterThanOrEqual(22);
      const counts = await tenantPrisma.runAs(system(b.tenant.id), async (tx) => {
        const result: Record<string, { ofA: number; notB: number; all: number }> = {};
        for (const model of models) {
          const table = delegate(tx, model.name);
          result[model.name] = {
            ofA: await table.count({ where: { tenantId: a.tenant.id } }),
            notB: await table.count({ where: { tenantId: { not: b.tenant.id } } }),
            all: await table.count(),
          };
        }
        return result;
      });
      for (const model of models) {
        expect({
          model: model.name,
          ofA: counts[model.name]!.ofA,
          notB: counts[model.name]!.notB,
          any: counts[model.name]!.all > 0,
        }).toEqual({
          model: model.name,
          ofA: 0,
          notB: 0,
          any: true,
        });
      }
    }, 60_000);

    it('finds A’s customer by its full key only as tenant A', async () => {
      const key = { tenantId_id: { tenantId: a.tenant.id, id: a.customer.id } };
      await expect(
        tenantPrisma.runAs(system(b.tenant.id), (tx) => tx.customer.findUnique({ where: key })),
      ).resolves.toBeNull();
      await expect(
        tenantPrisma.runAs(system(a.tenant.id), (tx) => tx.customer.findUnique({ where: key })),
      ).resolves.toMatchObject({
        id: a.customer.id,
      });
    });

    it('refuses to create a row for another tenant', async () => {
      await expect(
        tenantPrisma.runAs(system(b.tenant.id), (tx) =>
          tx.customer.create({ data: { tenantId: a.tenant.id, name: 'planted' } }),
        ),
      ).rejects.toThrow(/row-level security|denied/i);
      expect(
        await owner.customer.count({ where: { tenantId: a.tenant.id, name: 'planted' } }),
      ).toBe(0);
    });

    it('throws TenantContextNotSetError outside a tenant context', async () => {
      await expect(tenantPrisma.run((tx) => tx.customer.count())).rejects.toBeInstanceOf(
        TenantContextNotSetError,
      );
    });

    it('rolls the whole transaction back when fn throws', async () => {
      const name = `rollback ${randomUUID()}`;
      await expect(
        tenantPrisma.runAs(system(a.tenant.id), async (tx) => {
          await tx.customer.create({ data: { tenantId: a.tenant.id, name } });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await owner.customer.count({ where: { name } })).toBe(0);
    });

    it('a nested run joins the outer transaction', async () => {
      const name = `nested ${randomUUID()}`;
      await expect(
        tenantPrisma.runAs(system(a.tenant.id), async (tx) => {
          await tx.customer.create({ data: { tenantId: a.tenant.id, name } });
          // The inner run sees the outer's uncommitted row: same transaction.
          const inner = await tenantPrisma.run((innerTx) =>
            innerTx.customer.count({ where: { name } }),
          );
          expect(inner).toBe(1);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await owner.customer.count({ where: { name } })).toBe(0);
    });

    it('runs concurrent transactions of different tenants without mixing their settings', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, index) => {
          const tenant = index % 2 === 0 ? a : b;
          return tenantPrisma.runAs(system(tenant.tenant.id), async (tx) => {
            const rows = await tx.customer.findMany({ select: { tenantId: true } });
            return {
              expected: tenant.tenant.id,
              seen: [...new Set(rows.map((row) => row.tenantId))],
            };
          });
        }),
      );
      for (const result of results) expect(result.seen).toEqual([result.expected]);
    });
  });

  describe('customer scoping', () => {
    let tenant: TestTenant;
    let other: Awaited<ReturnType<typeof createTestCustomer>>;
    let otherRows: Record<string, string>;
    let ownRows: Record<string, string>;
    let tenantWideRuleId: string;

    beforeAll(async () => {
      tenant = await createTestTenant(owner);
      other = await createTestCustomer(owner, tenant.tenant.id);
      ownRows = await populateCustomerRows(owner, tenant.tenant.id, tenant);
      otherRows = await populateCustomerRows(owner, tenant.tenant.id, other);
      const rule = await owner.replenishmentRule.create({
        data: { tenantId: tenant.tenant.id, name: 'tenant-wide', thresholdPercent: 10 },
      });
      tenantWideRuleId = rule.id;
    }, 60_000);

    const customerTables = async (): Promise<string[]> => {
      const { rows } = await ownerPool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name = 'customer_id' AND table_name = ANY($1) ORDER BY 1`,
        [tenantTables],
      );
      return rows.map((row) => row.table_name);
    };

    it('hides other customers’ rows on every customer-bound table (raw SQL)', async () => {
      const tables = await customerTables();
      expect(tables).toEqual(
        expect.arrayContaining([
          'devices',
          'meter_reads',
          'agents',
          'sites',
          'commands',
          'uploads',
          'users',
        ]),
      );
      await asApp(
        appPool,
        { tenantId: tenant.tenant.id, customerId: tenant.customer.id },
        async (client) => {
          for (const table of tables) {
            const { rows } = await client.query<{ foreign: string; own: string }>(
              `SELECT count(*) FILTER (WHERE customer_id IS DISTINCT FROM $1) AS foreign,
                    count(*) FILTER (WHERE customer_id = $1) AS own FROM "${table}"`,
              [tenant.customer.id],
            );
            // replenishment_rules: tenant-wide rules (customer_id NULL) stay readable.
            const allowedForeign = table === 'replenishment_rules' ? 1 : 0;
            expect({
              table,
              foreign: Number(rows[0]!.foreign),
              own: Number(rows[0]!.own) > 0,
            }).toEqual({
              table,
              foreign: allowedForeign,
              own: true,
            });
          }
          const customers = await client.query<{ id: string }>('SELECT id FROM customers');
          expect(customers.rows.map((row) => row.id)).toEqual([tenant.customer.id]);
        },
      );
    });

    it('through TenantPrisma: a customer context sees its devices only, the dealer context sees both', async () => {
      const asCustomer = await tenantPrisma.runAs(
        system(tenant.tenant.id, tenant.customer.id),
        (tx) => tx.device.findMany({ select: { id: true } }),
      );
      expect(asCustomer.map((device) => device.id)).toEqual([ownRows['devices']]);
      const asDealer = await tenantPrisma.runAs(system(tenant.tenant.id), (tx) =>
        tx.device.findMany({ select: { id: true } }),
      );
      expect(asDealer.map((device) => device.id).sort()).toEqual(
        [ownRows['devices'], otherRows['devices']].sort(),
      );
      const rules = await tenantPrisma.runAs(system(tenant.tenant.id, tenant.customer.id), (tx) =>
        tx.replenishmentRule.findMany({ select: { id: true } }),
      );
      expect(rules.map((rule) => rule.id).sort()).toEqual(
        [ownRows['replenishment_rules'], tenantWideRuleId].sort(),
      );
    });

    it('refuses writes for another customer and tenant-wide rules from a customer context', async () => {
      await expect(
        tenantPrisma.runAs(system(tenant.tenant.id, tenant.customer.id), (tx) =>
          tx.device.create({
            data: {
              tenantId: tenant.tenant.id,
              customerId: other.customer.id,
              serialNumber: 'PLANTED',
            },
          }),
        ),
      ).rejects.toThrow(/row-level security|denied/i);
      await expect(
        tenantPrisma.runAs(system(tenant.tenant.id, tenant.customer.id), (tx) =>
          tx.replenishmentRule.create({
            data: { tenantId: tenant.tenant.id, name: 'sneaky tenant-wide' },
          }),
        ),
      ).rejects.toThrow(/row-level security|denied/i);
      const moved = await tenantPrisma.runAs(system(tenant.tenant.id, tenant.customer.id), (tx) =>
        tx.device.updateMany({ where: { id: otherRows['devices'] }, data: { location: 'moved' } }),
      );
      expect(moved.count).toBe(0);
    });

    it('composite foreign keys keep a child on its parent’s customer', async () => {
      // A device of customer X cannot hang off customer Y's agent, even for the owner.
      await expect(
        owner.device.create({
          data: {
            tenantId: tenant.tenant.id,
            customerId: tenant.customer.id,
            agentId: otherRows['agents'],
            serialNumber: 'CROSS',
          },
        }),
      ).rejects.toThrow();
      // …nor can any row point at another tenant's parent.
      await expect(
        owner.site.create({
          data: { tenantId: b.tenant.id, customerId: a.customer.id, name: 'cross-tenant' },
        }),
      ).rejects.toThrow();
    });
  });
});
