import { Injectable } from '@nestjs/common';
import type { Prisma, Site as SiteRow } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';

/** Site rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class SitesRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<SiteRow | null> {
    return tx.site.findFirst({ where: { id } });
  }

  customerExists(tx: Prisma.TransactionClient, customerId: string): Promise<boolean> {
    return tx.customer.count({ where: { id: customerId } }).then((count) => count > 0);
  }

  nameTaken(
    tx: Prisma.TransactionClient,
    customerId: string,
    name: string,
    exceptId?: string,
  ): Promise<boolean> {
    return tx.site
      .count({ where: { customerId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } })
      .then((count) => count > 0);
  }

  list(
    tx: Prisma.TransactionClient,
    filter: { customerId?: string | null },
    page: { take: number; after: Record<string, string> | null },
  ): Promise<SiteRow[]> {
    return tx.site.findMany({
      where: {
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...afterCreatedAt(page.after),
      },
      orderBy: createdAtOrder,
      take: page.take,
    });
  }

  create(
    tx: Prisma.TransactionClient,
    data: {
      tenantId: string;
      customerId: string;
      name: string;
      address: string | null;
      timeZone: string | null;
    },
  ): Promise<SiteRow> {
    return tx.site.create({ data });
  }

  async update(
    tx: Prisma.TransactionClient,
    id: string,
    data: { name?: string; address?: string | null; timeZone?: string | null; archivedAt?: Date },
  ): Promise<SiteRow | null> {
    const { count } = await tx.site.updateMany({ where: { id }, data });
    return count === 1 ? this.findById(tx, id) : null;
  }
}
