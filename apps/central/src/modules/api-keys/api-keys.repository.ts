import { Injectable } from '@nestjs/common';
import type { ApiKey as ApiKeyRow, Prisma } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';

/** API-key rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class ApiKeysRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<ApiKeyRow | null> {
    return tx.apiKey.findFirst({ where: { id } });
  }

  list(
    tx: Prisma.TransactionClient,
    page: { take: number; after: Record<string, string> | null },
  ): Promise<ApiKeyRow[]> {
    return tx.apiKey.findMany({
      where: afterCreatedAt(page.after),
      orderBy: createdAtOrder,
      take: page.take,
    });
  }

  create(
    tx: Prisma.TransactionClient,
    data: {
      tenantId: string;
      name: string;
      prefix: string;
      keyHash: string;
      scopes: string[];
      expiresAt: Date | null;
      createdByUserId: string | null;
    },
  ): Promise<ApiKeyRow> {
    return tx.apiKey.create({ data });
  }

  async revoke(tx: Prisma.TransactionClient, id: string): Promise<ApiKeyRow | null> {
    await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return this.findById(tx, id);
  }
}
