import { Injectable } from '@nestjs/common';
import type { Prisma, Tenant, User as UserRow, UserRole } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';

/** User rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class UsersRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<UserRow | null> {
    return tx.user.findFirst({ where: { id } });
  }

  findWithTenant(
    tx: Prisma.TransactionClient,
    id: string,
  ): Promise<(UserRow & { tenant: Tenant }) | null> {
    return tx.user.findFirst({ where: { id }, include: { tenant: true } });
  }

  emailTaken(tx: Prisma.TransactionClient, email: string): Promise<boolean> {
    return tx.user.count({ where: { email } }).then((count) => count > 0);
  }

  customerExists(tx: Prisma.TransactionClient, customerId: string): Promise<boolean> {
    return tx.customer.count({ where: { id: customerId } }).then((count) => count > 0);
  }

  list(
    tx: Prisma.TransactionClient,
    page: { take: number; after: Record<string, string> | null },
  ): Promise<UserRow[]> {
    return tx.user.findMany({
      where: afterCreatedAt(page.after),
      orderBy: createdAtOrder,
      take: page.take,
    });
  }

  create(
    tx: Prisma.TransactionClient,
    data: {
      tenantId: string;
      email: string;
      name: string;
      passwordHash: string;
      role: UserRole;
      customerId: string | null;
      invitedAt?: Date | null;
    },
  ): Promise<UserRow> {
    return tx.user.create({ data });
  }

  async disable(tx: Prisma.TransactionClient, id: string): Promise<UserRow | null> {
    const { count } = await tx.user.updateMany({
      where: { id, disabledAt: null },
      data: { disabledAt: new Date() },
    });
    if (count === 1)
      await tx.session.updateMany({
        where: { userId: id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    return this.findById(tx, id);
  }

  /**
   * Stores the new hash and ends every session of the user except `keepSessionId`, and every
   * open password-reset or invitation link (they were for the old password).
   */
  async changePassword(
    tx: Prisma.TransactionClient,
    id: string,
    passwordHash: string,
    keepSessionId: string | null,
  ): Promise<number> {
    await tx.user.updateMany({ where: { id }, data: { passwordHash, invitedAt: null } });
    await tx.userLink.updateMany({
      where: {
        userId: id,
        purpose: { in: ['PASSWORD_RESET', 'INVITATION'] },
        usedAt: null,
        revokedAt: null,
      },
      data: { revokedAt: new Date() },
    });
    const { count } = await tx.session.updateMany({
      where: {
        userId: id,
        revokedAt: null,
        ...(keepSessionId ? { id: { not: keepSessionId } } : {}),
      },
      data: { revokedAt: new Date() },
    });
    return count;
  }

  async setEmail(tx: Prisma.TransactionClient, id: string, email: string): Promise<void> {
    await tx.user.updateMany({ where: { id }, data: { email } });
  }
}
