// The driver adapter the Prisma 6.19 CLI uses on its WebAssembly schema engine (`engine: 'js'`
// in prisma.config.ts). @prisma/adapter-pg 6.19 has four faults on that path (STACK.md); this
// wrapper fixes each one and is otherwise the stock adapter:
//  1. catalog columns of type `name` (OID 19) and `"char"` (OID 18) are refused as unsupported
//     (prisma/prisma#27403) → report `name` as text and `"char"` as a character;
//  2. given a connectionString, the shadow database connects to the main database → we only
//     ever pass host/port/user/password/database;
//  3. dropping the shadow database fails because its pool is still open → close it first;
//  4. executeScript splits on every `;`, which breaks `$$` function bodies → send the script
//     as one simple-protocol query (PostgreSQL runs a multi-statement query atomically).
import { PrismaPg } from '@prisma/adapter-pg';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export type MigrationConnection = {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
};

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;
// ColumnTypeEnum of @prisma/driver-adapter-utils (not a direct dependency): Character = 6.
const COLUMN_TYPE_CHARACTER = 6;

type Queryable = {
  client: { query: (...args: unknown[]) => Promise<pg.QueryResult> };
  queryRaw: (query: unknown) => Promise<{ columnTypes: number[] }>;
  onError: (error: unknown) => never;
};

/** Parses a postgres:// URL into the separate fields the adapter must be given (fault 2). */
export function connectionFromUrl(url: string): MigrationConnection {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

/** Fault 1: rewrite the result's catalog type OIDs before the adapter maps them. */
function patchQueryRaw(target: Queryable): void {
  const original = target.queryRaw;
  target.queryRaw = async (query: unknown) => {
    let originalOids: number[] = [];
    const realClient = target.client;
    const view = Object.create(target, {
      client: {
        value: {
          query: async (...args: unknown[]) => {
            const result = await realClient.query(...args);
            originalOids = result.fields.map((field) => field.dataTypeID);
            for (const field of result.fields) {
              if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID)
                field.dataTypeID = TEXT_OID;
            }
            return result;
          },
        },
      },
    }) as Queryable;
    const result = await original.call(view, query);
    originalOids.forEach((oid, index) => {
      if (oid === CHAR_OID) result.columnTypes[index] = COLUMN_TYPE_CHARACTER;
    });
    return result;
  };
}

function patchAdapter<T extends object>(adapter: T): T {
  const target = adapter as unknown as Queryable & {
    executeScript: (script: string) => Promise<void>;
    startTransaction: (isolationLevel?: unknown) => Promise<unknown>;
  };
  patchQueryRaw(target);
  // Fault 4: one query, not one per `;`.
  target.executeScript = async (script: string) => {
    try {
      await target.client.query(script);
    } catch (error) {
      target.onError(error);
    }
  };
  const startTransaction = target.startTransaction.bind(target);
  target.startTransaction = async (isolationLevel?: unknown) => {
    const transaction = (await startTransaction(isolationLevel)) as Queryable;
    patchQueryRaw(transaction);
    return transaction;
  };
  return adapter;
}

/**
 * The adapter factory for prisma.config.ts. `allowExitOnIdle` lets the CLI exit once the
 * engine is done instead of idling on open pool connections.
 */
export function createMigrationAdapter(connection: MigrationConnection) {
  const poolConfig: pg.PoolConfig = { ...connection, allowExitOnIdle: true, max: 4 };
  const main = new PrismaPg(poolConfig);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      return patchAdapter(await main.connect());
    },
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ ...connection });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${database}"`);
      } finally {
        await admin.end();
      }
      const shadow = await new PrismaPg({ ...poolConfig, database }).connect();
      const dispose = shadow.dispose.bind(shadow);
      // Fault 3: close the shadow pool, then drop the database (FORCE covers stragglers).
      shadow.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ ...connection });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return patchAdapter(shadow);
    },
  };
}
