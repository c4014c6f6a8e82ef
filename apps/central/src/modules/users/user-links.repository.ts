import { Injectable } from '@nestjs/common';
import type { Prisma, UserLink, UserLinkPurpose } from '@prisma/client';

/** `user_links` rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class UserLinksRepository {
  /** Ends the user's open links of `purposes`; returns how many. */
  async revokeOpen(
    tx: Prisma.TransactionClient,
    userId: string,
    purposes: readonly UserLinkPurpose[],
  ): Promise<number> {
    const { count } = await tx.userLink.updateMany({
      where: { userId, purpose: { in: [...purposes] }, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count;
  }

  create(
    tx: Prisma.TransactionClient,
    data: {
      tenantId: string;
      userId: string;
      purpose: UserLinkPurpose;
      expiresAt: Date;
      newEmail: string | null;
    },
  ): Promise<UserLink> {
    return tx.userLink.create({ data });
  }

  /** Stores the hash of a freshly minted token, if the link is still open. */
  async setTokenHash(
    tx: Prisma.TransactionClient,
    id: string,
    tokenHash: string,
    now: Date,
  ): Promise<UserLink | null> {
    const { count } = await tx.userLink.updateMany({
      where: { id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { tokenHash },
    });
    return count === 1 ? tx.userLink.findFirst({ where: { id } }) : null;
  }

  /** Marks the link used if it still is open: exactly one follower wins. */
  async consume(tx: Prisma.TransactionClient, id: string, now: Date): Promise<UserLink | null> {
    const { count } = await tx.userLink.updateMany({
      where: { id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    return count === 1 ? tx.userLink.findFirst({ where: { id } }) : null;
  }
}
