import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCitusPlan, readSchema, type Table } from './sql-schema.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const migrationsDir = join(repoRoot, 'prisma', 'migrations');
const migrations = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8'));
const schema = readSchema(migrations);
const ddl = readFileSync(join(repoRoot, 'infra', 'citus', 'distribute.sql'), 'utf8');
const plan = readCitusPlan(ddl);

// Tables that stay plain local tables on the coordinator (see distribute.sql for why).
const LOCAL_TABLES = ['platform_audit_events', 'agent_releases'];
const DISTRIBUTION_COLUMN = 'tenant_id';

describe('SQL schema reader', () => {
  it('reads columns, keys and foreign keys from migration SQL, applying later migrations', () => {
    const tables = readSchema([
      `CREATE TABLE "a" (\n    "tenant_id" UUID NOT NULL,\n    "id" UUID NOT NULL,\n    CONSTRAINT "a_pkey" PRIMARY KEY ("tenant_id","id")\n);\n` +
        `CREATE TABLE "b" (\n    "id" UUID NOT NULL,\n    "a_id" UUID,\n    CONSTRAINT "b_pkey" PRIMARY KEY ("id")\n);\n` +
        `CREATE UNIQUE INDEX "b_a_id_key" ON "b"("a_id");\n` +
        `ALTER TABLE "b" ADD CONSTRAINT "b_a_fkey" FOREIGN KEY ("a_id") REFERENCES "a"("id") ON DELETE CASCADE;`,
      `ALTER TABLE "b" ADD COLUMN "note" TEXT;\nALTER TABLE "b" DROP CONSTRAINT "b_a_fkey";\n-- DROP TABLE "a";`,
    ]);
    expect(tables.get('a')).toEqual({
      name: 'a',
      columns: ['tenant_id', 'id'],
      primaryKey: ['tenant_id', 'id'],
      uniqueIndexes: [],
      foreignKeys: [],
    });
    expect(tables.get('b')).toMatchObject({
      columns: ['id', 'a_id', 'note'],
      uniqueIndexes: [{ name: 'b_a_id_key', columns: ['a_id'] }],
      foreignKeys: [],
    });
  });
});

describe('infra/citus/distribute.sql against prisma/migrations', () => {
  it('finds the real schema', () => {
    expect(schema.size).toBeGreaterThanOrEqual(20);
    expect(schema.get('meter_reads')?.primaryKey).toEqual(['tenant_id', 'id']);
  });

  it('classifies every table exactly once: reference, distributed or local', () => {
    const distributed = plan.distributed.map((entry) => entry.table);
    const classified = [...plan.reference, ...distributed, ...LOCAL_TABLES];
    expect(new Set(classified).size).toBe(classified.length);
    expect([...classified].sort()).toEqual([...schema.keys()].sort());
    expect(plan.reference).toEqual(['tenants']);
    for (const local of LOCAL_TABLES) expect(ddl).toContain(local);
  });

  it('distributes exactly the tenant-owned tables, all by tenant_id in one colocation group', () => {
    const tenantOwned = [...schema.values()]
      .filter((table) => table.columns.includes(DISTRIBUTION_COLUMN))
      .map((table) => table.name);
    expect(plan.distributed.map((entry) => entry.table).sort()).toEqual(tenantOwned.sort());
    const [anchor, ...rest] = plan.distributed;
    expect(anchor!.column).toBe(DISTRIBUTION_COLUMN);
    for (const entry of rest)
      expect(entry).toEqual({
        table: entry.table,
        column: DISTRIBUTION_COLUMN,
        colocateWith: anchor!.table,
      });
  });

  it('meets Citus rules: the distribution column is in every primary key and unique index', () => {
    for (const { table } of plan.distributed) {
      const shape = schema.get(table)!;
      expect({ table, primaryKey: shape.primaryKey.includes(DISTRIBUTION_COLUMN) }).toEqual({
        table,
        primaryKey: true,
      });
      for (const index of shape.uniqueIndexes) {
        expect({
          table,
          index: index.name,
          hasTenant: index.columns.includes(DISTRIBUTION_COLUMN),
        }).toEqual({ table, index: index.name, hasTenant: true });
      }
    }
  });

  it('meets Citus rules for foreign keys, and creates referenced tables first', () => {
    const reference = new Set(plan.reference);
    const order = new Map(plan.distributed.map((entry, position) => [entry.table, position]));
    const problems: string[] = [];
    const check = (table: Table) => {
      for (const foreignKey of table.foreignKeys) {
        const target = foreignKey.references;
        if (reference.has(table.name)) {
          if (!reference.has(target))
            problems.push(
              `${foreignKey.name}: a reference table may only reference reference tables`,
            );
          continue;
        }
        if (reference.has(target)) continue;
        if (!order.has(target)) {
          problems.push(
            `${foreignKey.name}: ${table.name} → ${target}, which is neither distributed nor reference`,
          );
          continue;
        }
        // Between colocated distributed tables the key must map tenant_id onto tenant_id.
        const position = foreignKey.columns.indexOf(DISTRIBUTION_COLUMN);
        if (position < 0 || foreignKey.referencedColumns[position] !== DISTRIBUTION_COLUMN) {
          problems.push(
            `${foreignKey.name}: does not include ${DISTRIBUTION_COLUMN} → ${DISTRIBUTION_COLUMN}`,
          );
        }
        if (target !== table.name && order.get(target)! > order.get(table.name)!) {
          problems.push(`${foreignKey.name}: ${target} must be distributed before ${table.name}`);
        }
      }
    };
    for (const table of schema.values()) if (!LOCAL_TABLES.includes(table.name)) check(table);
    expect(problems).toEqual([]);
    // No distributed or reference table may point at a coordinator-local table.
    for (const table of schema.values()) {
      if (LOCAL_TABLES.includes(table.name)) continue;
      for (const foreignKey of table.foreignKeys)
        expect(LOCAL_TABLES).not.toContain(foreignKey.references);
    }
  });

  it('tells central how row-level security keeps working on workers', () => {
    expect(ddl).toMatch(/citus\.propagate_set_commands = 'local'/);
    expect(ddl).toMatch(/SET LOCAL citus\.multi_shard_modify_mode TO 'sequential'/);
  });
});
