import {
  baselineCounters,
  cleanCounters,
  decideReading,
  detectRollbacks,
  sameCounters,
  type CounterRollback,
} from './meter-readings.js';

/**
 * The device a reading belongs to; `monitored: false` (retired or paused) still stores its
 * reads and discontinuities, but announces none.
 */
export type MeterDevice = { id: string; tenantId: string; customerId: string; monitored?: boolean };

export type ReadingInput = {
  readAt: Date;
  /** counter name → value; anything but a non-negative safe integer is dropped. */
  counters: Readonly<Record<string, unknown>>;
  /** Canonical meter → the source it came from (`counterSources`); follows the counters. */
  sources?: Readonly<Record<string, string>> | null;
  uploadId?: string | null;
};

/** One device's readings of an upload, in any order. */
export type DeviceReadings = { device: MeterDevice; readings: readonly ReadingInput[] };

/** A stored read in a device's timeline, with the values reviewers rejected at it. */
export type TimelineRead = {
  id: string;
  deviceId: string;
  readAt: Date;
  lastSeenAt: Date;
  /** The stored JSON: anything but an object of counters reads as no counters. */
  counters: unknown;
  rejected: { counter: string; beforeValue: number }[];
};

export type NewRead = {
  tenantId: string;
  id: string;
  customerId: string;
  deviceId: string;
  readAt: Date;
  lastSeenAt: Date;
  counters: Record<string, number>;
  sources: Readonly<Record<string, string>> | null;
  uploadId: string | null;
};

export type ReadRef = { id: string; readAt: Date };

export type PlannedDiscontinuity = {
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
 * What recording each reading oldest first would do, decided in memory for many devices at
 * once from each device's stored reads (the read at or before its oldest new reading and
 * every read after it): an identical reading advances the previous read's lastSeenAt, a
 * counter that went down opens a discontinuity, a late reading is stored in place and
 * compared with both neighbours. Pure apart from the ids `newId` draws.
 */
export function planReadings(
  batch: readonly DeviceReadings[],
  stored: readonly TimelineRead[],
  newId: () => string,
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
        counters: storedCounters(row.counters),
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
        sources: reading.sources ?? null,
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

/** Counters of a stored read's JSON (anything but an object has none). */
export function storedCounters(json: unknown): Record<string, number> {
  return json && typeof json === 'object' && !Array.isArray(json)
    ? cleanCounters(json as Record<string, unknown>)
    : {};
}
