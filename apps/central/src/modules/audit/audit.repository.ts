import { Injectable } from '@nestjs/common';
import type { AuditEvent as AuditEventRow, Prisma } from '@prisma/client';
import type { AuditFilter } from './audit.inputs.js';
import { ROUTINE_ACTIONS } from './routine-actions.js';

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
    filter: AuditFilter,
    page: { take: number; before: { at: Date; id: string } | null },
  ): Promise<AuditEventRow[]> {
    const { before } = page;
    const and: Prisma.AuditEventWhereInput[] = [];
    if (filter.action) and.push({ action: actionMatch(filter.action) });
    if (!filter.includeRoutine) and.push({ action: { notIn: [...ROUTINE_ACTIONS] } });
    if (before)
      and.push({ OR: [{ at: { lt: before.at } }, { at: before.at, id: { lt: before.id } }] });
    return tx.auditEvent.findMany({
      where: {
        ...(filter.targetType ? { targetType: filter.targetType } : {}),
        ...(filter.targetId ? { targetId: filter.targetId } : {}),
        ...(filter.actorKind ? { actorKind: filter.actorKind } : {}),
        ...(filter.actorId ? { actorId: filter.actorId } : {}),
        ...(filter.from || filter.to
          ? {
              at: {
                ...(filter.from ? { gte: filter.from } : {}),
                ...(filter.to ? { lt: filter.to } : {}),
              },
            }
          : {}),
        AND: and,
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: page.take,
    });
  }
}

/** `customer.create` matches itself; `customer.` matches the whole family. */
function actionMatch(action: string): Prisma.StringFilter<'AuditEvent'> {
  return action.endsWith('.') ? { startsWith: action } : { equals: action };
}
