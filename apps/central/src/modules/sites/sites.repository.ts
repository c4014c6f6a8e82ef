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

  /**
   * A page of the sites of each customer (oldest first, after the same cursor) in one
   * statement.
   */
  listOfCustomers(
    tx: Prisma.TransactionClient,
    customerIds: readonly string[],
    page: { take: number; after: { createdAt: Date; id: string } | null },
  ): Promise<SiteRow[]> {
    return tx.$queryRaw<SiteRow[]>`
      SELECT s.tenant_id AS "tenantId", s.id, s.customer_id AS "customerId", s.name, s.address,
             s.time_zone AS "timeZone", s.archived_at AS "archivedAt",
             s.created_at AS "createdAt", s.updated_at AS "updatedAt"
      FROM jsonb_array_elements_text(${JSON.stringify(customerIds)}::jsonb) AS c(id)
      CROSS JOIN LATERAL (
        SELECT * FROM sites x
        WHERE x.customer_id = c.id::uuid
          AND (${page.after?.createdAt ?? null}::timestamptz IS NULL
               OR (x.created_at, x.id) > (${page.after?.createdAt ?? null}::timestamptz, ${page.after?.id ?? null}::uuid))
        ORDER BY x.created_at, x.id
        LIMIT ${page.take}::int
      ) s
      ORDER BY s.customer_id, s.created_at, s.id`;
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
