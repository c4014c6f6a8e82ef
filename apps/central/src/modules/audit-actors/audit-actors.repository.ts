import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';

export type ActorRow = { id: string; name: string | null; email: string | null };

/**
 * Read-only display names of the people, keys and agents an audit trail mentions. Rows the
 * caller may not see (row-level security: a customer admin and the dealer's staff) are absent.
 */
@Injectable()
export class AuditActorsRepository {
  async users(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<ActorRow[]> {
    if (ids.length === 0) return [];
    return tx.user.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true, email: true },
    });
  }

  async apiKeys(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<ActorRow[]> {
    if (ids.length === 0) return [];
    const rows = await tx.apiKey.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true },
    });
    return rows.map((row) => ({ ...row, email: null }));
  }

  async agents(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<ActorRow[]> {
    if (ids.length === 0) return [];
    const rows = await tx.agent.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true, hostname: true },
    });
    return rows.map((row) => ({ id: row.id, name: row.name ?? row.hostname, email: null }));
  }
}
