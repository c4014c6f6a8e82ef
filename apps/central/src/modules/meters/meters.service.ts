import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import {
  baselineCounters,
  detectRollbacks,
  newSourceDisagreements,
  planReadings,
  storedCounters,
  type CounterRollback,
  type CounterValues,
  type DeviceReadings,
  type MeterDevice,
  type NewRead,
  type ReadRef,
} from '@printbeat/domain';
import {
  offsetOf,
  toOffsetConnection,
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
import { MeterReadReviewRepository, type NewReview } from './meter-read-review.repository.js';

export type { DeviceReadings, MeterDevice, ReadingInput } from '@printbeat/domain';

type StoredRead = ReadRef & { counters: Prisma.JsonValue };

export type RecordedBatch = {
  /** New meter_reads rows. */
  stored: number;
  /** Per device, its newest new read (the devices module writes it with the rest of the row). */
  newestRead: Map<string, Date>;
  discontinuities: MeterDiscontinuity[];
};

@Injectable()
export class MetersService {
  constructor(
    @Inject(MetersRepository) private readonly repository: MetersRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
    @Inject(MeterReadReviewRepository) private readonly reviews: MeterReadReviewRepository,
  ) {}

  /**
   * THE way meter readings enter the database (ingest, inside the upload's transaction), for
   * all readings of many devices in a handful of statements: the stored reads each decision
   * needs are loaded at once, decided in memory (the domain's `planReadings`: append-only, an
   * identical reading only advances the previous row's lastSeenAt, a late reading is stored in
   * place and compared with both neighbours) and written in bulk. A counter that went down
   * opens a discontinuity (usage withheld until reviewed) and emits
   * `meter_discontinuity.opened` (not for a retired or paused device: kept, not announced). Both (and a new disagreement of two sources of a meter,
   * beyond `counterSourceTolerancePercent`) flag the read for review before billing.
   */
  async recordReadings(
    tx: Prisma.TransactionClient,
    batch: readonly DeviceReadings[],
    options: { counterSourceTolerancePercent?: number } = {},
  ): Promise<RecordedBatch> {
    const from: { deviceId: string; from: Date }[] = [];
    for (const { device, readings } of batch) {
      let oldest: Date | null = null;
      for (const reading of readings)
        if (!oldest || reading.readAt.getTime() < oldest.getTime()) oldest = reading.readAt;
      if (oldest) from.push({ deviceId: device.id, from: oldest });
    }
    const tenantId = batch[0]?.device.tenantId;
    if (!tenantId || from.length === 0)
      return { stored: 0, newestRead: new Map(), discontinuities: [] };
    const stored = await this.repository.readsFrom(tx, tenantId, from);
    const plan = planReadings(batch, stored, randomUUID);

    const inserted = await this.repository.insertReads(tx, plan.inserts);
    await this.repository.advanceLastSeenMany(tx, tenantId, plan.advances);
    const newest = new Map<string, Date>();
    for (const row of plan.inserts) {
      if (!inserted.has(row.id)) continue;
      const current = newest.get(row.deviceId);
      if (!current || row.readAt.getTime() > current.getTime())
        newest.set(row.deviceId, row.readAt);
    }

    await this.reviews.flag(
      tx,
      sourceReviews(
        stored,
        plan.inserts.filter((row) => inserted.has(row.id)),
        options.counterSourceTolerancePercent,
      ),
    );

    // A read another transaction stored first at the same instant was skipped: nothing refers to it.
    const planned = new Set(plan.inserts.map((row) => row.id));
    const usable = (ref: ReadRef) => !planned.has(ref.id) || inserted.has(ref.id);
    const discontinuities: MeterDiscontinuity[] = [];
    for (const item of plan.discontinuities.filter((d) => usable(d.before) && usable(d.after))) {
      discontinuities.push(
        ...(await this.open(tx, item.device, item.before, item.after, item.rollbacks)),
      );
    }
    return { stored: inserted.size, newestRead: newest, discontinuities };
  }

  /**
   * Reads that became neighbours without ingest seeing them arrive (a device merge joins two
   * histories): each pair is checked exactly as a late reading is against its predecessor
   * (baseline with rejected glitches, then rollbacks), opening discontinuities and emitting
   * `meter_discontinuity.opened`. A pair whose later read already has a discontinuity for a
   * counter is skipped for that counter by the unique index.
   */
  async checkNeighbours(
    tx: Prisma.TransactionClient,
    device: MeterDevice,
    pairs: readonly { before: StoredRead; after: StoredRead }[],
  ): Promise<MeterDiscontinuity[]> {
    const opened: MeterDiscontinuity[] = [];
    for (const { before, after } of pairs) {
      const baseline = await this.baselineOf(tx, before.id, storedCounters(before.counters));
      const rollbacks = detectRollbacks(baseline, storedCounters(after.counters));
      opened.push(...(await this.open(tx, device, before, after, rollbacks)));
    }
    return opened;
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
    await this.reviews.flag(
      tx,
      rows.map((row) => ({
        tenantId: row.tenantId,
        customerId: row.customerId,
        deviceId: row.deviceId,
        readId: row.afterReadId,
        readAt: after.readAt,
        counter: row.counter,
        reason: 'DISCONTINUITY',
        discontinuityId: row.id,
        originalValue: Number(row.afterValue),
        details: null,
      })),
    );
    const models = rows.map((row) => toModel({ ...row, beforeRead: before, afterRead: after }));
    if (device.monitored !== false)
      for (const model of models)
        await this.webhooks.emit(tx, {
          type: 'meter_discontinuity.opened',
          data: eventData(model),
        });
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
    return toOffsetConnection(rows, first, skip, toModel);
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
      const accept = input.action === MeterDiscontinuityReviewAction.ACCEPT_RESET;
      const reviewedByUserId = actor.kind === 'user' ? actor.userId : null;
      await this.decideDiscontinuity(tx, found, {
        status: accept ? 'ACCEPTED_RESET' : 'REJECTED',
        offset: accept && input.offset != null ? BigInt(input.offset) : null,
        note: input.note ?? null,
      });
      await this.reviews.followDiscontinuity(tx, id, {
        status: accept ? 'APPROVED' : 'EXCLUDED',
        decisionReason: input.note ?? (accept ? null : 'Rejected as a bad read'),
        reviewedByUserId,
      });
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

  /**
   * Decides an OPEN discontinuity (the caller audits). ACCEPTED_RESET counts usage across the
   * drop; REJECTED ignores the later reading, and a rejected glitch may hide a real drop behind
   * it: the next reading is then compared with the good value before the glitch, and a new
   * discontinuity opens if it is lower. CORRECTED: the later read's corrected value (not below
   * the value before the drop) stands in for it.
   */
  async decideDiscontinuity(
    tx: Prisma.TransactionClient,
    found: DiscontinuityWithReads,
    decision: {
      status: 'ACCEPTED_RESET' | 'REJECTED' | 'CORRECTED';
      offset: bigint | null;
      note: string | null;
    },
  ): Promise<void> {
    const { actor } = tenantContext.get();
    if (found.status !== 'OPEN')
      throw new MeterDiscontinuityAlreadyReviewedError(found.id, found.status);
    const reviewed = await this.repository.review(tx, found.id, {
      ...decision,
      reviewedByUserId: actor.kind === 'user' ? actor.userId : null,
    });
    if (!reviewed)
      throw new MeterDiscontinuityAlreadyReviewedError(found.id, 'reviewed concurrently');
    if (decision.status !== 'REJECTED') return;
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
        [{ counter: found.counter, before: Number(found.beforeValue), after: Number(next.value) }],
      );
    }
  }

  /** After a device merge moved reads to the kept device: their reviews follow them. */
  async followMergedReads(
    tx: Prisma.TransactionClient,
    pair: { tenantId: string; keepId: string; mergeId: string },
  ): Promise<void> {
    await this.reviews.followMergedReads(tx, pair);
  }

  findDiscontinuity(
    tx: Prisma.TransactionClient,
    id: string,
  ): Promise<DiscontinuityWithReads | null> {
    return this.repository.findDiscontinuity(tx, id);
  }
}

/**
 * Review rows for the inserted reads whose sources newly disagree: compared with the read
 * before each (stored or inserted in this batch).
 */
function sourceReviews(
  stored: readonly { deviceId: string; readAt: Date; counters: unknown }[],
  inserted: readonly NewRead[],
  tolerancePercent: number | undefined,
): NewReview[] {
  if (inserted.length === 0) return [];
  const timelines = new Map<string, { readAt: Date; counters: Record<string, number> }[]>();
  for (const read of [...stored, ...inserted]) {
    const list = timelines.get(read.deviceId) ?? [];
    list.push({ readAt: read.readAt, counters: storedCounters(read.counters) });
    timelines.set(read.deviceId, list);
  }
  for (const list of timelines.values())
    list.sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  return inserted.flatMap((read) => {
    const timeline = timelines.get(read.deviceId) ?? [];
    const previous = timeline
      .filter((entry) => entry.readAt.getTime() < read.readAt.getTime())
      .at(-1);
    return newSourceDisagreements(previous?.counters ?? null, read.counters, tolerancePercent).map(
      (found): NewReview => ({
        tenantId: read.tenantId,
        customerId: read.customerId,
        deviceId: read.deviceId,
        readId: read.id,
        readAt: read.readAt,
        counter: found.meter,
        reason: 'SOURCE_DISAGREEMENT',
        discontinuityId: null,
        originalValue: found.value,
        details: {
          alternativeSource: found.alternativeSource,
          alternativeValue: found.alternativeValue,
          differencePercent: found.differencePercent,
        },
      }),
    );
  });
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
