import { Injectable } from '@nestjs/common';
import type { Prisma, RegistrationKey as RegistrationKeyRow } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';

/** Registration-key rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class RegistrationKeysRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<RegistrationKeyRow | null> {
    return tx.registrationKey.findFirst({ where: { id } });
  }

  findSite(tx: Prisma.TransactionClient, customerId: string, siteId: string) {
    return tx.site.findFirst({
      where: { id: siteId, customerId, archivedAt: null },
      select: { id: true },
    });
  }

  list(
    tx: Prisma.TransactionClient,
    filter: { customerId?: string | null },
    page: { take: number; after: Record<string, string> | null },
  ): Promise<RegistrationKeyRow[]> {
    const where = filter.customerId ? { customerId: filter.customerId } : {};
    return tx.registrationKey.findMany({
      where: { AND: [where, afterCreatedAt(page.after)] },
      orderBy: createdAtOrder,
      take: page.take,
    });
  }

  create(
    tx: Prisma.TransactionClient,
    data: Prisma.RegistrationKeyUncheckedCreateInput,
  ): Promise<RegistrationKeyRow> {
    return tx.registrationKey.create({ data });
  }

  async revoke(tx: Prisma.TransactionClient, id: string): Promise<RegistrationKeyRow | null> {
    await tx.registrationKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return this.findById(tx, id);
  }
}
