import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { DatabaseHandle } from '../database/database.js';
import { tenantContext, type TenantContext } from '../tenancy/tenant-context.js';
import {
  DEFAULT_LANE_SIZES,
  LANE_SIZES,
  laneOf,
  type CapacityLane,
  type LaneSizes,
} from './capacity-lanes.js';
import { DATABASE_HANDLE } from './database-handle.token.js';
import { createPool, createPrismaClient } from './prisma-client.factory.js';
import { TransactionSqlRegistry, type TransactionSql } from './transaction-sql.js';

export type TenantTransactionOptions = {
  /** ms to wait for a pooled connection (default 5000). */
  maxWait?: number;
  /** ms the whole transaction may take (default 15000). */
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
};

/** `afterCommit` was given a transaction this client is not running (a programming error). */
export class TransactionNotActiveError extends Error {
  readonly code = 'TRANSACTION_NOT_ACTIVE';
  constructor() {
    super('afterCommit needs the transaction of the TenantPrisma.run it is called in');
    this.name = 'TransactionNotActiveError';
  }
}

/** Prisma's defaults (2 s / 5 s) are tight for ingest batches on a busy machine. */
const DEFAULT_MAX_WAIT_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 15_000;

/** One lane's pool: its Prisma client and the registry that finds a transaction's connection. */
type Lane = { client: PrismaClient; connections: TransactionSqlRegistry };

type ActiveTransaction = {
  context: TenantContext;
  lane: Lane;
  tx: Prisma.TransactionClient;
  /** Work for after the commit (`afterCommit`); dropped when the transaction rolls back. */
  committed: (() => void)[];
};

/**
 * The one way to tenant data. Every `run` is a transaction on the application role's
 * connection (NOSUPERUSER, NOBYPASSRLS) that first sets `app.tenant_id` and
 * `app.customer_id` from the request's TenantContext; PostgreSQL row-level security then
 * filters every statement inside it. Outside a context it throws TenantContextNotSetError.
 * Agents, people and jobs each have a pool of their own (`capacity-lanes.ts`).
 */
@Injectable()
export class TenantPrisma implements OnApplicationShutdown {
  private readonly lanes: Record<CapacityLane, Lane>;
  private readonly active = new AsyncLocalStorage<ActiveTransaction>();

  constructor(
    @Inject(DATABASE_HANDLE) handle: DatabaseHandle,
    @Optional() @Inject(LANE_SIZES) sizes: LaneSizes = DEFAULT_LANE_SIZES,
  ) {
    const lane = (maxConnections: number): Lane => {
      // A full lane answers "busy" (SERVICE_UNAVAILABLE, retry later) instead of queueing for ever.
      const pool = createPool(handle.appUrl, {
        maxConnections,
        acquireTimeoutMs: DEFAULT_MAX_WAIT_MS,
      });
      return { client: createPrismaClient(pool), connections: new TransactionSqlRegistry(pool) };
    };
    this.lanes = { agents: lane(sizes.agents), people: lane(sizes.people), jobs: lane(sizes.jobs) };
  }

  /**
   * Runs `fn` in a tenant-scoped transaction. A `run` nested inside another one of the same
   * context joins the outer transaction instead of taking a second connection.
   */
  async run<T>(
    fn: (tx: Prisma.TransactionClient) => Promise<T>,
    options: TenantTransactionOptions = {},
  ): Promise<T> {
    const context = tenantContext.get();
    const outer = this.active.getStore();
    if (outer && outer.context === context) return fn(outer.tx);
    const settings = { maxWait: DEFAULT_MAX_WAIT_MS, timeout: DEFAULT_TIMEOUT_MS, ...options };
    const committed: (() => void)[] = [];
    const lane = this.lanes[laneOf(context.actor)];
    const result = await lane.client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${context.tenantId}, true), set_config('app.customer_id', ${context.customerId ?? ''}, true)`;
      try {
        return await this.active.run({ context, lane, tx, committed }, () => fn(tx));
      } finally {
        lane.connections.end(tx);
      }
    }, settings);
    for (const callback of committed) callback();
    return result;
  }

  /**
   * Runs `callback` once the transaction `tx` (of `run`) has committed, never when it rolls
   * back: for messages to other connections (job queue) about rows the transaction wrote.
   * The callback must not throw (it runs after the commit: nothing could undo it).
   */
  afterCommit(tx: Prisma.TransactionClient, callback: () => void): void {
    const active = this.active.getStore();
    if (!active || active.tx !== tx) throw new TransactionNotActiveError();
    active.committed.push(callback);
  }

  /**
   * Plain node-postgres SQL inside `tx` (a transaction of `run`): for set-based statements
   * with large parameters or results. Same connection, same tenant settings and RLS.
   */
  sql(tx: Prisma.TransactionClient): Promise<TransactionSql> {
    const context = tenantContext.tryGet();
    const lane =
      this.active.getStore()?.lane ?? this.lanes[context ? laneOf(context.actor) : 'people'];
    return lane.connections.of(tx);
  }

  /** `sql(tx).query(…)` in one call: rows of one plain SQL statement inside `tx`. */
  async query<R>(
    tx: Prisma.TransactionClient,
    text: string,
    values: readonly unknown[],
  ): Promise<R[]> {
    return (await this.sql(tx)).query<R>(text, values);
  }

  /** `sql(tx).execute(…)` in one call: rows affected by one plain SQL statement inside `tx`. */
  async execute(
    tx: Prisma.TransactionClient,
    text: string,
    values: readonly unknown[],
  ): Promise<number> {
    return (await this.sql(tx)).execute(text, values);
  }

  /** `run` under an explicit context: background jobs acting for one tenant. */
  runAs<T>(
    context: TenantContext,
    fn: (tx: Prisma.TransactionClient) => Promise<T>,
    options?: TenantTransactionOptions,
  ): Promise<T> {
    return tenantContext.run(context, () => this.run(fn, options));
  }

  /** Last phase of shutdown, after jobs and requests stopped (see PrismaService). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.lanes).map((lane) => lane.client.$disconnect()));
  }
}
