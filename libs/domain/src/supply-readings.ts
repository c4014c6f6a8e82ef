import type { SupplyLevelState } from './device-vocabulary.js';
import { supplyChange, type CartridgeReading, type SupplyChangeKind } from './supply-changes.js';

/** A supply as one reading reports it (the upload format's supply reading). */
export type ReportedSupply = {
  /** Printer-MIB supply index (or a vendor key). */
  index: string;
  description: string;
  type: string;
  color: string | null;
  level: number | null;
  maxCapacity: number | null;
  percent: number | null;
  state: SupplyLevelState;
  partNumber: string | null;
  /** The cartridge's own serial (payload version 2 on). */
  serialNumber?: string | null;
};

/** A stored supply as the plan compares it. */
export type StoredSupply = {
  id: string;
  deviceId: string;
  supplyKey: string;
  readAt: Date | null;
  description: string | null;
  type: string | null;
  color: string | null;
  partNumber: string | null;
  /** The current state's percent and cartridge serial (what a new reading is compared with). */
  percent?: number | null;
  serialNumber?: string | null;
};

/** A supply row to create, or the description of a stored one to rewrite. */
export type SupplyWrite = {
  id: string;
  deviceId: string;
  supplyKey: string;
  description: string | null;
  type: string | null;
  color: string | null;
  partNumber: string | null;
  level: number | null;
  maxCapacity: number | null;
  percent: number | null;
  state: string;
  serialNumber: string | null;
  readAt: Date;
};

export type SupplyLevelWrite = {
  deviceId: string;
  /** This reading becomes the supply's current state (its newest, for a stored supply). */
  current: boolean;
  supplyId: string;
  level: number | null;
  maxCapacity: number | null;
  percent: number | null;
  state: string;
  partNumber: string | null;
  serialNumber: string | null;
  /** What this reading means for the cartridge (see `supplyChange`); null: nothing. */
  change: SupplyChangeKind | null;
  /** For a SWAP: the removed cartridge's last percent. */
  removedPercent: number | null;
  readAt: Date;
};

/** One device's readings of an upload, oldest first, with the supplies each reported. */
export type DeviceSupplyReadings = {
  deviceId: string;
  readings: readonly { readAt: Date; supplies: readonly ReportedSupply[] }[];
};

export type SupplyReadingsPlan = {
  inserts: SupplyWrite[];
  /** Stored supplies whose description (and with it maybe their key) changes. */
  described: SupplyWrite[];
  /** One level row per reported supply and reading; `current` marks each supply's newest. */
  levels: SupplyLevelWrite[];
};

/** The supply columns a new description rewrites. */
const SUPPLY_DESCRIPTION_COLUMNS = ['description', 'type', 'color', 'partNumber'] as const;

/** Stable per device: the Printer-MIB index plus the description (an index alone is reused across models). */
export function supplyKey(supply: Pick<ReportedSupply, 'index' | 'description'>): string {
  return `${supply.index}|${supply.description}`;
}

/** The stored name of a reported level state. */
export function supplyState(state: SupplyLevelState): string {
  switch (state) {
    case 'ok':
      return 'OK';
    case 'someRemaining':
      return 'SOME_REMAINING';
    case 'unknown':
      return 'UNKNOWN';
    case 'other':
      return 'OTHER';
  }
}

/**
 * What an upload's supply readings change: the current state of a supply follows its newest
 * reading, every reading adds a level row, a supply not stored yet is created, and a supply
 * reported under another description is renamed (`SupplyRenames`). `stored` holds the stored
 * supplies of the upload's known devices. A reading newer than the supply's state is compared
 * with it (`supplyChange`: swap, refill or nothing); a late older one is history and changes
 * nothing. Pure apart from the ids `newId` draws.
 */
export function planSupplyReadings(
  devices: readonly DeviceSupplyReadings[],
  storedRows: readonly StoredSupply[],
  newId: () => string,
): SupplyReadingsPlan {
  const stored = new Map(storedRows.map((row) => [`${row.deviceId}|${row.supplyKey}`, row]));
  const renames = new SupplyRenames(storedRows);
  const inserts = new Map<string, SupplyWrite>();
  /** Per stored supply, the index in `levels` of the reading that becomes its current state. */
  const updates = new Map<string, number>();
  const described = new Map<string, SupplyWrite>();
  const levels: SupplyLevelWrite[] = [];
  /** Per supply id, its newest state so far: what the next newer reading is compared with. */
  const lastState = new Map<string, CartridgeReading & { at: number }>();
  for (const { deviceId, readings } of devices) {
    for (const reading of readings) {
      const readAt = reading.readAt;
      for (const supply of reading.supplies) {
        const key = supplyKey(supply);
        const current: SupplyWrite = {
          id: '',
          deviceId,
          supplyKey: key,
          description: supply.description,
          type: supply.type,
          color: supply.color,
          partNumber: supply.partNumber,
          level: supply.level,
          maxCapacity: supply.maxCapacity,
          percent: supply.percent,
          state: supplyState(supply.state),
          serialNumber: supply.serialNumber ?? null,
          readAt,
        };
        const mapKey = `${deviceId}|${key}`;
        let row = stored.get(mapKey);
        if (!row && !inserts.has(mapKey)) {
          // The same slot under another description (firmware, a new cartridge name): a newer
          // reading renames the stored supply, an older one is history of it.
          const same = renames.match(deviceId, supply, reading.supplies, readAt);
          if (same?.rename) {
            stored.delete(`${deviceId}|${same.row.supplyKey}`);
            row = { ...same.row, supplyKey: key };
            stored.set(mapKey, row);
          } else if (same) row = same.row;
        }
        let supplyId: string;
        if (row) {
          supplyId = row.id;
          if (!lastState.has(row.id) && row.readAt)
            lastState.set(row.id, {
              at: row.readAt.getTime(),
              percent: row.percent ?? null,
              serialNumber: row.serialNumber ?? null,
            });
          // Readings are oldest first: the last one at or after the stored state wins.
          if (!row.readAt || readAt.getTime() >= row.readAt.getTime()) {
            updates.set(mapKey, levels.length);
            if (SUPPLY_DESCRIPTION_COLUMNS.some((column) => current[column] !== row[column]))
              described.set(mapKey, { ...current, id: row.id });
            else described.delete(mapKey);
          }
        } else {
          supplyId = inserts.get(mapKey)?.id ?? newId();
          inserts.set(mapKey, { ...current, id: supplyId });
        }
        const previous = lastState.get(supplyId);
        const reported = { percent: supply.percent, serialNumber: current.serialNumber };
        let change = null;
        if (!previous || readAt.getTime() > previous.at) {
          if (previous) change = supplyChange(previous, reported);
          lastState.set(supplyId, { ...reported, at: readAt.getTime() });
        }
        levels.push({
          deviceId,
          supplyId,
          current: false,
          level: supply.level,
          maxCapacity: supply.maxCapacity,
          percent: supply.percent,
          state: current.state,
          partNumber: supply.partNumber,
          serialNumber: current.serialNumber,
          change: change?.kind ?? null,
          removedPercent: change?.removedPercent ?? null,
          readAt,
        });
      }
    }
  }
  for (const index of updates.values()) levels[index]!.current = true;
  return { inserts: [...inserts.values()], described: [...described.values()], levels };
}

/**
 * The stored supply a reading's supply is under another description: same device, same
 * Printer-MIB index, same type and colour, and the stored description not reported in that
 * reading. A reading at least as new as the stored state renames it (once per upload); a late
 * older one is its history and renames nothing.
 */
export class SupplyRenames {
  /** By device and index; built on the first miss (a steady upload has none). */
  private byIndex: Map<string, StoredSupply[]> | null = null;
  private readonly claimed = new Set<string>();

  constructor(private readonly rows: readonly StoredSupply[]) {}

  match(
    deviceId: string,
    supply: ReportedSupply,
    reported: readonly ReportedSupply[],
    readAt: Date,
  ): { row: StoredSupply; rename: boolean } | null {
    const reportedKeys = new Set(reported.map((each) => supplyKey(each)));
    const row = (this.index().get(`${deviceId}|${supply.index}`) ?? []).find(
      (each) =>
        !this.claimed.has(each.id) &&
        !reportedKeys.has(each.supplyKey) &&
        each.type === supply.type &&
        (each.color ?? null) === (supply.color ?? null),
    );
    if (!row) return null;
    const rename = !row.readAt || readAt.getTime() >= row.readAt.getTime();
    if (rename) this.claimed.add(row.id);
    return { row, rename };
  }

  private index(): Map<string, StoredSupply[]> {
    if (this.byIndex) return this.byIndex;
    this.byIndex = new Map();
    for (const row of this.rows) {
      const key = `${row.deviceId}|${row.supplyKey.slice(0, row.supplyKey.indexOf('|'))}`;
      const list = this.byIndex.get(key);
      if (list) list.push(row);
      else this.byIndex.set(key, [row]);
    }
    return this.byIndex;
  }
}
