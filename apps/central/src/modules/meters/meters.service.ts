import { randomUUID } from 'node:crypto';
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
import { encodeCursor, offsetOf, type ConnectionShape } from '../../platform/graphql/pagination.js';
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
import {
  MetersRepository,
  type DiscontinuityWithReads,
  type NewRead,
  type TimelineRead,
} from './meters.repository.js';

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
type StoredRead = ReadRef & { counters: Prisma.JsonValue };

/** One device's readings of an upload, in any order. */
export type DeviceReadings = { device: MeterDevice; readings: readonly ReadingInput[] };

export type RecordedBatch = {
  /** New meter_reads rows. */
  stored: number;
  /**
   * Per device, its newest new read. `markDevices: false` leaves devices.lastMeterReadAt to
   * the caller (ingest writes it with the rest of the device row: one update, not two).
   */
  newestRead: Map<string, Date>;
  discontinuities: MeterDiscontinuity[];
};

type PlannedDiscontinuity = {
  device: MeterDevice;
  before: ReadRef;
  after: ReadRef;
  rollbacks: CounterRollback[];
};

export type ReadingsPlan = {
  inserts: NewRead[];
  /** Stored reads whose lastSeenAt advances. */
  advances: { id: string; at: Date }[];
  discontinuities: PlannedDiscontinuity[];
};

type TimelineEntry = {
  id: string;
  readAt: Date;
  lastSeenAt: Date;
  counters: Record<string, number>;
  rejected: { counter: string; beforeValue: number }[];
  insert: NewRead | null;
  advanced: boolean;
};

/**
 * What `recordReading`, called for each reading oldest first, would do, decided in memory for
 * many devices at once from each device's stored reads (the read at or before its oldest new
 * reading and every read after it, `readsFrom`). Pure apart from the ids it draws.
 */
export function planReadings(
  batch: readonly DeviceReadings[],
  stored: readonly TimelineRead[],
  newId: () => string = randomUUID,
): ReadingsPlan {
  const storedOf = new Map<string, TimelineRead[]>();
  for (const row of stored) {
    const list = storedOf.get(row.deviceId);
    if (list) list.push(row);
    else storedOf.set(row.deviceId, [row]);
  }
  const plan: ReadingsPlan = { inserts: [], advances: [], discontinuities: [] };
  for (const { device, readings } of batch) {
    const timeline: TimelineEntry[] = (storedOf.get(device.id) ?? [])
      .map((row) => ({
        id: row.id,
        readAt: row.readAt,
        lastSeenAt: row.lastSeenAt,
        counters: countersOf(row.counters),
        rejected: row.rejected,
        insert: null,
        advanced: false,
      }))
      .sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
    const advance = (entry: TimelineEntry, at: Date) => {
      if (at.getTime() <= entry.lastSeenAt.getTime()) return;
      entry.lastSeenAt = at;
      if (entry.insert) entry.insert.lastSeenAt = at;
      else entry.advanced = true;
    };
    const add = (at: number, reading: ReadingInput, counters: Record<string, number>) => {
      const insert: NewRead = {
        tenantId: device.tenantId,
        id: newId(),
        customerId: device.customerId,
        deviceId: device.id,
        readAt: reading.readAt,
        lastSeenAt: reading.readAt,
        counters,
        uploadId: reading.uploadId ?? null,
      };
      const entry: TimelineEntry = {
        id: insert.id,
        readAt: insert.readAt,
        lastSeenAt: insert.lastSeenAt,
        counters,
        rejected: [],
        insert,
        advanced: false,
      };
      timeline.splice(at, 0, entry);
      plan.inserts.push(insert);
      return entry;
    };
    const open = (before: TimelineEntry, after: TimelineEntry, rollbacks: CounterRollback[]) => {
      if (rollbacks.length > 0)
        plan.discontinuities.push({
          device,
          before: { id: before.id, readAt: before.readAt },
          after: { id: after.id, readAt: after.readAt },
          rollbacks,
        });
    };
    const sorted = [...readings].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
    for (const reading of sorted) {
      const counters = cleanCounters(reading.counters);
      if (Object.keys(counters).length === 0) continue;
      const latest = timeline.at(-1);
      const decision = decideReading(
        latest
          ? {
              readAt: latest.readAt,
              counters: latest.counters,
              baseline: baselineCounters(latest.counters, latest.rejected),
            }
          : null,
        { readAt: reading.readAt, counters },
      );
      switch (decision.kind) {
        case 'identical':
          advance(latest!, reading.readAt);
          break;
        case 'conflict':
          break;
        case 'store': {
          const entry = add(timeline.length, reading, counters);
          if (latest) open(latest, entry, decision.rollbacks);
          break;
        }
        case 'out-of-order': {
          const at = reading.readAt.getTime();
          let index = timeline.length - 1;
          while (index >= 0 && timeline[index]!.readAt.getTime() > at) index -= 1;
          const previous = index >= 0 ? timeline[index]! : null;
          if (previous && sameCounters(previous.counters, counters)) {
            advance(previous, reading.readAt);
            break;
          }
          if (previous && previous.readAt.getTime() === at) break;
          const entry = add(index + 1, reading, counters);
          if (previous)
            open(
              previous,
              entry,
              detectRollbacks(baselineCounters(previous.counters, previous.rejected), counters),
            );
          const next = timeline[index + 2];
          if (next) open(entry, next, detectRollbacks(counters, next.counters));
          break;
        }
      }
    }
    for (const entry of timeline)
      if (entry.advanced) plan.advances.push({ id: entry.id, at: entry.lastSeenAt });
  }
  return plan;
}

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

  /**
   * `recordReading` for all readings of many devices (an upload) in a handful of statements:
   * the stored reads each decision needs are loaded at once, decided in memory
   * (`planReadings`), and written in bulk. Same outcome as recording them one by one, oldest
   * first; discontinuities emit `meter_discontinuity.opened` as there.
   */
  async recordReadings(
    tx: Prisma.TransactionClient,
    batch: readonly DeviceReadings[],
    options: { markDevices?: boolean } = {},
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
    const plan = planReadings(batch, stored);

    const inserted = await this.repository.insertReads(tx, plan.inserts);
    await this.repository.advanceLastSeenMany(tx, tenantId, plan.advances);
    const newest = new Map<string, Date>();
    for (const row of plan.inserts) {
      if (!inserted.has(row.id)) continue;
      const current = newest.get(row.deviceId);
      if (!current || row.readAt.getTime() > current.getTime())
        newest.set(row.deviceId, row.readAt);
    }
    if (options.markDevices !== false)
      await this.repository.markDevicesRead(
        tx,
        tenantId,
        [...newest].map(([deviceId, at]) => ({ deviceId, at })),
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
      const baseline = await this.baselineOf(tx, before.id, countersOf(before.counters));
      const rollbacks = detectRollbacks(baseline, countersOf(after.counters));
      opened.push(...(await this.open(tx, device, before, after, rollbacks)));
    }
    return opened;
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
    const edges = rows.slice(0, first).map((row, index) => ({
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
