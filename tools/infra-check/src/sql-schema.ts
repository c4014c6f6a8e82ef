/**
 * Reads the table shapes that Citus cares about — columns, primary keys, unique indexes,
 * foreign keys — out of Prisma's generated migration SQL (the only place the database shape is
 * defined), so the Citus distribution DDL can be checked against the real schema.
 */
export type ForeignKey = {
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
};

export type Table = {
  name: string;
  columns: string[];
  primaryKey: string[];
  uniqueIndexes: { name: string; columns: string[] }[];
  foreignKeys: ForeignKey[];
};

const identifiers = (list: string) =>
  list
    .split(',')
    .map((part) => part.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);

export function stripSqlComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** Applies the migrations in order; later ADD COLUMN / DROP TABLE / FKs update the picture. */
export function readSchema(migrations: string[]): Map<string, Table> {
  const tables = new Map<string, Table>();
  for (const migration of migrations) {
    const sql = stripSqlComments(migration);
    for (const match of sql.matchAll(
      /CREATE TABLE (?:IF NOT EXISTS )?"([^"]+)" \(([\s\S]*?)\n\);/g,
    )) {
      const body = match[2]!;
      const columns = [...body.matchAll(/^\s+"([^"]+)" [A-Za-z"]/gm)].map((column) => column[1]!);
      const primaryKey = identifiers(/PRIMARY KEY \(([^)]*)\)/.exec(body)?.[1] ?? '');
      tables.set(match[1]!, {
        name: match[1]!,
        columns,
        primaryKey,
        uniqueIndexes: [],
        foreignKeys: [],
      });
    }
    for (const match of sql.matchAll(
      /CREATE UNIQUE INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?"([^"]+)" ON "([^"]+)"(?: USING \w+)?\s*\(([^)]*)\)/g,
    )) {
      tables
        .get(match[2]!)
        ?.uniqueIndexes.push({ name: match[1]!, columns: identifiers(match[3]!) });
    }
    for (const match of sql.matchAll(
      /ALTER TABLE "([^"]+)" ADD COLUMN (?:IF NOT EXISTS )?"([^"]+)"/g,
    )) {
      tables.get(match[1]!)?.columns.push(match[2]!);
    }
    for (const match of sql.matchAll(
      /ALTER TABLE "([^"]+)" ADD CONSTRAINT "([^"]+)" FOREIGN KEY \(([^)]*)\) REFERENCES "([^"]+)"\(([^)]*)\)/g,
    )) {
      tables.get(match[1]!)?.foreignKeys.push({
        name: match[2]!,
        columns: identifiers(match[3]!),
        references: match[4]!,
        referencedColumns: identifiers(match[5]!),
      });
    }
    for (const match of sql.matchAll(
      /ALTER TABLE "([^"]+)" DROP CONSTRAINT (?:IF EXISTS )?"([^"]+)"/g,
    )) {
      const table = tables.get(match[1]!);
      if (table)
        table.foreignKeys = table.foreignKeys.filter((foreignKey) => foreignKey.name !== match[2]);
    }
    for (const match of sql.matchAll(/DROP TABLE (?:IF EXISTS )?"([^"]+)"/g))
      tables.delete(match[1]!);
  }
  return tables;
}

export type CitusPlan = {
  reference: string[];
  /** In the order the DDL distributes them. */
  distributed: { table: string; column: string; colocateWith: string | null }[];
};

export function readCitusPlan(sql: string): CitusPlan {
  const plain = stripSqlComments(sql);
  const reference = [...plain.matchAll(/create_reference_table\('([^']+)'\)/g)].map(
    (match) => match[1]!,
  );
  const distributed = [
    ...plain.matchAll(
      /create_distributed_table\('([^']+)',\s*'([^']+)'(?:,\s*colocate_with\s*=>\s*'([^']+)')?\)/g,
    ),
  ].map((match) => ({ table: match[1]!, column: match[2]!, colocateWith: match[3] ?? null }));
  return { reference, distributed };
}
