import { Injectable } from '@nestjs/common';
import type { AuditEvent as AuditEventRow, Prisma } from '@prisma/client';

export type NewAuditEvent = Omit<Prisma.AuditEventUncheckedCreateInput, 'id' | 'at'>;

/** Audit rows, always inside a tenant-scoped transaction the caller owns. */
@Injectable()
export class AuditRepository {
  async create(tx: Prisma.TransactionClient, event: NewAuditEvent): Promise<void> {
    await tx.auditEvent.create({ data: event });
  }

  /** Newest first by (at, id); `before` is the cursor of the last row already shown. */
  list(
    tx: Prisma.TransactionClient,
    filter: { targetType?: string | null; targetId?: string | null },
    page: { take: number; before: { at: Date; id: string } | null },
  ): Promise<AuditEventRow[]> {
    const { before } = page;
    return tx.auditEvent.findMany({
      where: {
        ...(filter.targetType ? { targetType: filter.targetType } : {}),
        ...(filter.targetId ? { targetId: filter.targetId } : {}),
        ...(before
          ? { OR: [{ at: { lt: before.at } }, { at: before.at, id: { lt: before.id } }] }
          : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: page.take,
    });
  }
}
