import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';

export type PrismaClientOptions = {
  /** Pool size; defaults to pg's 10. */
  maxConnections?: number;
  /** ms to wait for a free connection before failing (default: wait for ever). */
  acquireTimeoutMs?: number;
};

/**
 * A node-postgres pool for one role. `allowExitOnIdle` keeps idle pool connections from
 * holding the process open after everything else is done (scripts, tests).
 */
export function createPool(url: string, options: PrismaClientOptions = {}): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    allowExitOnIdle: true,
    ...(options.maxConnections ? { max: options.maxConnections } : {}),
    ...(options.acquireTimeoutMs ? { connectionTimeoutMillis: options.acquireTimeoutMs } : {}),
  });
}

/**
 * A PrismaClient on the query-compiler engine (`engineType = "client"`, no native binary)
 * over a node-postgres pool (given, or made for `url`), which `$disconnect` ends.
 */
export function createPrismaClient(
  source: string | pg.Pool,
  options: PrismaClientOptions = {},
): PrismaClient {
  const pool = typeof source === 'string' ? createPool(source, options) : source;
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
