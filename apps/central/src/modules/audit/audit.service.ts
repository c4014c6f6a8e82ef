import { Inject, Injectable } from '@nestjs/common';
import type { ActorKind, AuditEvent as AuditEventRow, AuditOutcome, Prisma } from '@prisma/client';
import {
  decodeTimeCursor,
  toConnection,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext, type Actor } from '../../platform/tenancy/tenant-context.js';
import type { AuditEvent } from './audit-event.model.js';
import type { AuditFilter } from './audit.inputs.js';
import { AuditRepository } from './audit.repository.js';
import { isRoutineAction } from './routine-actions.js';

export type AuditRecord = {
  action: string;
  targetType: string;
  targetId: string;
  outcome?: AuditOutcome;
  /** Never secrets: ids, names and changed field names only. */
  details?: Prisma.InputJsonValue;
  /** The customer the event concerns, so that customer's admins see it in their trail. */
  customerId?: string | null;
};

/** Writes audit events inside the caller's transaction and lists them for the portal. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(AuditRepository) private readonly repository: AuditRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  /** Part of the caller's transaction: the event exists exactly when the change does. */
  async record(tx: Prisma.TransactionClient, record: AuditRecord): Promise<void> {
    const { tenantId, customerId, actor } = tenantContext.get();
    const { kind, id } = actorColumns(actor);
    await this.repository.create(tx, {
      tenantId,
      customerId: record.customerId ?? customerId,
      actorKind: kind,
      actorId: id,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      outcome: record.outcome ?? 'SUCCESS',
      details: record.details,
    });
  }

  async list(
    args: AuditFilter & { first: number; after?: string | null },
  ): Promise<ConnectionShape<AuditEvent>> {
    const before = args.after ? decodeTimeCursor(args.after, 'at') : null;
    const rows = await this.db.run((tx) =>
      this.repository.list(tx, args, { take: args.first + 1, before }),
    );
    return toConnection(
      rows,
      args.first,
      (row) => ({ at: row.at.toISOString(), id: row.id }),
      toModel,
    );
  }
}

function actorColumns(actor: Actor): { kind: ActorKind; id: string } {
  switch (actor.kind) {
    case 'user':
      return { kind: 'USER', id: actor.userId };
    case 'apiKey':
      return { kind: 'API_KEY', id: actor.apiKeyId };
    case 'agent':
      return { kind: 'AGENT', id: actor.agentId };
    case 'system':
      return { kind: 'SYSTEM', id: actor.name };
  }
}

function toModel(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.at,
    actor: row.actorId ? `${row.actorKind}:${row.actorId}` : row.actorKind,
    actorKind: row.actorKind,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    customerId: row.customerId,
    outcome: row.outcome,
    details: row.details,
    routine: isRoutineAction(row.action),
  };
}
