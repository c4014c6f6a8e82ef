import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import {
  baselineCounters,
  cleanCounters,
  decideReading,
  detectRollbacks,
  sameCounters,
  type CounterRollback,
  type CounterValues,
} from '@printbeat/domain';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import {
  decodeCursor,
  encodeCursor,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import {
  MeterDiscontinuityReviewAction,
  MeterDiscontinuityStatusEnum,
  type MeterDiscontinuity,
} from './meter-discontinuity.model.js';
import type { MeterDiscontinuitiesArgs, ReviewMeterDiscontinuityInput } from './meters.inputs.js';
import {
  MeterDiscontinuityAlreadyReviewedError,
  MeterDiscontinuityNotFoundError,
} from './meters.errors.js';
import { MetersRepository, type DiscontinuityWithReads } from './meters.repository.js';

/** The device a reading belongs to (a `devices` row of the caller's tenant). */
export type MeterDevice = { id: string; tenantId: string; customerId: string };

export type ReadingInput = {
  readAt: Date;
  /** counter name → value; anything but a non-negative safe integer is dropped. */
  counters: Readonly<Record<string, unknown>>;
  uploadId?: string | null;
};

export type RecordedReading = {
  /** stored: a new row; identical: the previous row's lastSeenAt advanced; conflict: another reading at the same instant stays; empty: no counters. */
  outcome: 'stored' | 'identical' | 'conflict' | 'empty';
  meterReadId: string | null;
  /** Discontinuities this reading opened (webhooks already emitted). */
  discontinuities: MeterDiscontinuity[];
};

type ReadRef = { id: string; readAt: Date };

@Injectable()
export class MetersService {
  constructor(
    @Inject(MetersRepository) private readonly repository: MetersRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
  ) {}

  /**
   * THE way a meter reading enters the database (called by ingest inside the upload's
   * transaction). Append-only: an identical reading only advances the previous row's
   * lastSeenAt; a counter that went down opens a discontinuity (usage withheld until
   * reviewed) and emits `meter_discontinuity.opened`. Late (out-of-order) readings are stored
   * in place and compared with both neighbours.
   */
  async recordReading(
    tx: Prisma.TransactionClient,
    device: MeterDevice,
    reading: ReadingInput,
  ): Promise<RecordedReading> {
    const counters = cleanCounters(reading.counters);
    if (Object.keys(counters).length === 0)
      return { outcome: 'empty', meterReadId: null, discontinuities: [] };

    const latest = await this.repository.latestRead(tx, device.id);
    const latestView = latest
      ? {
          readAt: latest.readAt,
          counters: countersOf(latest.counters),
          baseline: await this.baselineOf(tx, latest.id, countersOf(latest.counters)),
        }
      : null;
    const decision = decideReading(latestView, { readAt: reading.readAt, counters });

    switch (decision.kind) {
      case 'identical':
        await this.repository.advanceLastSeen(tx, latest!.id, reading.readAt);
        return { outcome: 'identical', meterReadId: latest!.id, discontinuities: [] };
      case 'conflict':
        return { outcome: 'conflict', meterReadId: latest!.id, discontinuities: [] };
      case 'store': {
        const row = await this.insert(tx, device, reading, counters);
        if (!row) return { outcome: 'conflict', meterReadId: null, discontinuities: [] };
        const opened = latest ? await this.open(tx, device, latest, row, decision.rollbacks) : [];
        return { outcome: 'stored', meterReadId: row.id, discontinuities: opened };
      }
      case 'out-of-order':
        return this.recordLate(tx, device, reading, counters);
    }
  }

  private async recordLate(
    tx: Prisma.TransactionClient,
    device: MeterDevice,
    reading: ReadingInput,
    counters: Record<string, number>,
  ): Promise<RecordedReading> {
    const previous = await this.repository.readAtOrBefore(tx, device.id, reading.readAt);
    if (previous && sameCounters(countersOf(previous.counters), counters)) {
      await this.repository.advanceLastSeen(tx, previous.id, reading.readAt);
      return { outcome: 'identical', meterReadId: previous.id, discontinuities: [] };
    }
    if (previous && previous.readAt.getTime() === reading.readAt.getTime())
      return { outcome: 'conflict', meterReadId: previous.id, discontinuities: [] };
    const row = await this.insert(tx, device, reading, counters);
    if (!row) return { outcome: 'conflict', meterReadId: null, discontinuities: [] };
    const opened: MeterDiscontinuity[] = [];
    if (previous) {
      const baseline = await this.baselineOf(tx, previous.id, countersOf(previous.counters));
      opened.push(
        ...(await this.open(tx, device, previous, row, detectRollbacks(baseline, counters))),
      );
    }
    const next = await tx.meterRead.findFirst({
      where: { deviceId: device.id, readAt: { gt: reading.readAt } },
      orderBy: { readAt: 'asc' },
    });
    if (next)
      opened.push(
        ...(await this.open(
          tx,
          device,
          row,
          next,
          detectRollbacks(counters, countersOf(next.counters)),
        )),
      );
    return { outcome: 'stored', meterReadId: row.id, discontinuities: opened };
  }

  private async insert(
    tx: Prisma.TransactionClient,
    device: MeterDevice,
    reading: ReadingInput,
    counters: Record<string, number>,
  ) {
    const row = await this.repository.insertRead(tx, {
      tenantId: device.tenantId,
      customerId: device.customerId,
      deviceId: device.id,
      readAt: reading.readAt,
      lastSeenAt: reading.readAt,
      counters,
      uploadId: reading.uploadId ?? null,
    });
    if (row) await this.repository.markDeviceRead(tx, device.id, reading.readAt);
    return row;
  }

  private async baselineOf(
    tx: Prisma.TransactionClient,
    readId: string,
    counters: CounterValues,
  ): Promise<Record<string, number>> {
    const rejected = await this.repository.rejectedAt(tx, readId);
    return baselineCounters(
      counters,
      rejected.map((r) => ({ counter: r.counter, beforeValue: Number(r.beforeValue) })),
    );
  }

  private async open(
    tx: Prisma.TransactionClient,
    device: MeterDevice,
    before: ReadRef,
    after: ReadRef,
    rollbacks: readonly CounterRollback[],
  ): Promise<MeterDiscontinuity[]> {
    if (rollbacks.length === 0) return [];
    const rows = await this.repository.createDiscontinuities(
      tx,
      rollbacks.map((rollback) => ({
        tenantId: device.tenantId,
        customerId: device.customerId,
        deviceId: device.id,
        counter: rollback.counter,
        beforeReadId: before.id,
        afterReadId: after.id,
        beforeValue: BigInt(rollback.before),
        afterValue: BigInt(rollback.after),
      })),
    );
    const models = rows.map((row) => toModel({ ...row, beforeRead: before, afterRead: after }));
    for (const model of models)
      await this.webhooks.emit(tx, { type: 'meter_discontinuity.opened', data: eventData(model) });
    return models;
  }

  async list(args: MeterDiscontinuitiesArgs): Promise<ConnectionShape<MeterDiscontinuity>> {
    const first = args.first ?? 20;
    const skip = args.after ? offsetOf(args.after) : 0;
    const rows = await this.db.run((tx) =>
      this.repository.listDiscontinuities(
        tx,
        {
          statuses: args.status ?? null,
          deviceId: args.deviceId ?? null,
          customerId: args.customerId ?? null,
        },
        { take: first + 1, skip },
      ),
    );
    const edges = rows
      .slice(0, first)
      .map((row, index) => ({
        cursor: encodeCursor({ offset: String(skip + index + 1) }),
        node: toModel(row),
      }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /**
   * ACCEPT_RESET counts usage across the drop (with the offset); REJECT_READING ignores the
   * later reading. A rejected glitch may hide a real drop behind it: the next reading is then
   * compared with the good value before the glitch, and a new discontinuity opens if it is
   * lower.
   */
  review(id: string, input: ReviewMeterDiscontinuityInput): Promise<MeterDiscontinuity> {
    const { actor } = tenantContext.get();
    return this.db.run(async (tx) => {
      const found = await this.repository.findDiscontinuity(tx, id);
      if (!found) throw new MeterDiscontinuityNotFoundError(id);
      if (found.status !== 'OPEN')
        throw new MeterDiscontinuityAlreadyReviewedError(id, found.status);
      const accept = input.action === MeterDiscontinuityReviewAction.ACCEPT_RESET;
      const reviewed = await this.repository.review(tx, id, {
        status: accept ? 'ACCEPTED_RESET' : 'REJECTED',
        offset: accept && input.offset != null ? BigInt(input.offset) : null,
        note: input.note ?? null,
        reviewedByUserId: actor.kind === 'user' ? actor.userId : null,
      });
      if (!reviewed) throw new MeterDiscontinuityAlreadyReviewedError(id, 'reviewed concurrently');
      if (!accept) {
        const next = await this.repository.readAfterWithCounter(
          tx,
          found.deviceId,
          found.afterRead.readAt,
          found.counter,
        );
        if (next && next.value < found.beforeValue) {
          await this.open(
            tx,
            { id: found.deviceId, tenantId: found.tenantId, customerId: found.customerId },
            found.beforeRead,
            next,
            [
              {
                counter: found.counter,
                before: Number(found.beforeValue),
                after: Number(next.value),
              },
            ],
          );
        }
      }
      await this.audit.record(tx, {
        action: 'meter_discontinuity.review',
        targetType: 'MeterDiscontinuity',
        targetId: id,
        customerId: found.customerId,
        details: { action: input.action, counter: found.counter, offset: input.offset ?? null },
      });
      const after = await this.repository.findDiscontinuity(tx, id);
      return toModel(after!);
    });
  }
}

function countersOf(json: Prisma.JsonValue): Record<string, number> {
  return json && typeof json === 'object' && !Array.isArray(json) ? cleanCounters(json) : {};
}

export function toModel(row: DiscontinuityWithReads): MeterDiscontinuity {
  return {
    id: row.id,
    deviceId: row.deviceId,
    customerId: row.customerId,
    counter: row.counter,
    beforeValue: Number(row.beforeValue),
    beforeReadAt: row.beforeRead.readAt,
    afterValue: Number(row.afterValue),
    afterReadAt: row.afterRead.readAt,
    status: MeterDiscontinuityStatusEnum[row.status],
    offset: row.offset === null ? null : Number(row.offset),
    note: row.note,
    detectedAt: row.detectedAt,
    reviewedAt: row.reviewedAt,
    reviewedByUserId: row.reviewedByUserId,
  };
}

function eventData(model: MeterDiscontinuity): Record<string, unknown> {
  return {
    id: model.id,
    deviceId: model.deviceId,
    customerId: model.customerId,
    counter: model.counter,
    beforeValue: model.beforeValue,
    beforeReadAt: model.beforeReadAt.toISOString(),
    afterValue: model.afterValue,
    afterReadAt: model.afterReadAt.toISOString(),
  };
}

function offsetOf(cursor: string): number {
  const { offset } = decodeCursor(cursor, ['offset']);
  const value = Number(offset);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new BadUserInputError('Invalid cursor', [
      { field: 'after', message: 'is not a cursor from this list' },
    ]);
  return value;
}
