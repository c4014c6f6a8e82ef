import { Injectable } from '@nestjs/common';
import type { CommandType, Customer as CustomerRow, Prisma } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';

/**
 * Customer rows. Every method runs on a tenant-scoped transaction: row-level security
 * decides which rows exist, so no method filters by tenant itself.
 */
@Injectable()
export class CustomersRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<CustomerRow | null> {
    return tx.customer.findFirst({ where: { id } });
  }

  findByIds(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<CustomerRow[]> {
    return tx.customer.findMany({ where: { id: { in: [...ids] } } });
  }

  list(
    tx: Prisma.TransactionClient,
    filter: { search?: string | null },
    page: { take: number; after: Record<string, string> | null },
  ): Promise<CustomerRow[]> {
    const search = filter.search
      ? {
          OR: [
            { name: { contains: filter.search, mode: 'insensitive' as const } },
            { externalRef: { contains: filter.search, mode: 'insensitive' as const } },
          ],
        }
      : {};
    return tx.customer.findMany({
      where: { AND: [search, afterCreatedAt(page.after)] },
      orderBy: createdAtOrder,
      take: page.take,
    });
  }

  create(
    tx: Prisma.TransactionClient,
    data: { tenantId: string; name: string; externalRef: string | null },
  ): Promise<CustomerRow> {
    return tx.customer.create({ data });
  }

  /** Returns the updated row, or null when no visible row has this id. */
  async update(
    tx: Prisma.TransactionClient,
    id: string,
    data: {
      name?: string;
      externalRef?: string | null;
      allowedCommandTypes?: CommandType[];
      archivedAt?: Date | null;
      deletionRequestedAt?: Date | null;
    },
  ): Promise<CustomerRow | null> {
    const { count } = await tx.customer.updateMany({ where: { id }, data });
    return count === 1 ? this.findById(tx, id) : null;
  }
}
