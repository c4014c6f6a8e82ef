import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';

export type PrismaClientOptions = {
  /** Pool size; defaults to pg's 10. */
  maxConnections?: number;
};

/**
 * A PrismaClient on the query-compiler engine (`engineType = "client"`, no native binary)
 * over a node-postgres pool. `allowExitOnIdle` keeps idle pool connections from holding the
 * process open after everything else is done (scripts, tests).
 */
export function createPrismaClient(url: string, options: PrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    allowExitOnIdle: true,
    ...(options.maxConnections ? { max: options.maxConnections } : {}),
  });
  return new PrismaClient({ adapter });
}
