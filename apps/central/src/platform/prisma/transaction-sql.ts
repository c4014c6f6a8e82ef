import { randomUUID } from 'node:crypto';
import type { Prisma } from '@prisma/client';
import type pg from 'pg';

/**
 * Plain SQL on the connection that carries a tenant transaction, for the few set-based
 * statements whose parameters or results are large (ingest: a megabyte of JSON per statement,
 * thousands of rows back). Prisma's engine copies, re-encodes and converts every parameter and
 * result value; node-postgres sends and parses them as they are — measured ~35 ms per 1 MB
 * parameter and ~25 ms per 1,000-row result saved (tools/bench/ingest).
 *
 * It is the same connection and the same transaction as `tx`: `app.tenant_id` and
 * `app.customer_id` are set, row-level security filters every statement exactly as for tx, and
 * a failing statement aborts the transaction, which then rolls back as a whole.
 *
 * Column types the two paths decode differently (int8, numeric) must not be selected here.
 */
export type TransactionSql = {
  query<R>(text: string, values: readonly unknown[]): Promise<R[]>;
  /** Rows affected. */
  execute(text: string, values: readonly unknown[]): Promise<number>;
};

/**
 * Finds the pooled node-postgres client under a Prisma interactive transaction by its server
 * process id, then proves it: the transaction sets a random transaction-local token and the
 * client must read it back (two round trips per transaction). Behind a pooler that hands out
 * made-up process ids a pid could name another connection; the token then differs and
 * Prisma's own raw queries are used instead — as for transactions of another client (the
 * owner's PrismaService): same SQL, same results.
 */
export class TransactionSqlRegistry {
  private readonly byPid = new Map<number, pg.PoolClient>();
  private readonly resolved = new WeakMap<object, TransactionSql>();
  private readonly finished = new WeakSet<object>();

  constructor(pool: pg.Pool) {
    pool.on('connect', (client) => {
      const pid = (client as pg.PoolClient & { processID: number | null }).processID;
      if (pid !== null) this.byPid.set(pid, client);
    });
    pool.on('remove', (client) => {
      const pid = (client as pg.PoolClient & { processID: number | null }).processID;
      if (pid !== null && this.byPid.get(pid) === client) this.byPid.delete(pid);
    });
  }

  async of(tx: Prisma.TransactionClient): Promise<TransactionSql> {
    const known = this.resolved.get(tx);
    if (known) return known;
    const token = randomUUID();
    const [row] = await tx.$queryRaw<{ pid: number }[]>`
      SELECT pg_backend_pid() AS pid, set_config('printbeat.transaction_sql', ${token}, true) AS token`;
    const client = row ? this.byPid.get(row.pid) : undefined;
    const sql = client && (await carries(client, token)) ? this.direct(tx, client) : prismaSql(tx);
    this.resolved.set(tx, sql);
    return sql;
  }

  /** After the transaction's callback settled: its connection may already serve another one. */
  end(tx: Prisma.TransactionClient): void {
    this.finished.add(tx);
    this.resolved.delete(tx);
  }

  private direct(tx: Prisma.TransactionClient, client: pg.PoolClient): TransactionSql {
    const open = () => {
      if (this.finished.has(tx)) throw new Error('TransactionSql used after its transaction ended');
    };
    return {
      async query<R>(text: string, values: readonly unknown[]): Promise<R[]> {
        open();
        const result = await client.query(text, values as unknown[]);
        return result.rows as R[];
      },
      async execute(text: string, values: readonly unknown[]): Promise<number> {
        open();
        const result = await client.query(text, values as unknown[]);
        return result.rowCount ?? 0;
      },
    };
  }
}

/** Whether `client` is the session of the transaction that set `token` (transaction-local). */
async function carries(client: pg.PoolClient, token: string): Promise<boolean> {
  const result = await client.query<{ token: string | null }>(
    "SELECT current_setting('printbeat.transaction_sql', true) AS token",
  );
  return result.rows[0]?.token === token;
}

/** The same statements through Prisma (`$queryRawUnsafe` with bound `$n` parameters). */
export function prismaSql(tx: Prisma.TransactionClient): TransactionSql {
  return {
    query: <R>(text: string, values: readonly unknown[]) =>
      tx.$queryRawUnsafe<R[]>(text, ...values),
    execute: (text: string, values: readonly unknown[]) => tx.$executeRawUnsafe(text, ...values),
  };
}
