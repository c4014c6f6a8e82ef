import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { DevicePayload, Reading, SupplyReading, UploadPayload } from '@printbeat/payload';
import { AlertsService, type AlertDevice, type DeviceCondition } from '../alerts/alerts.service.js';
import { CommandsService } from '../commands/commands.service.js';
import { MetersService, type DeviceReadings } from '../meters/meters.service.js';
import { ReplenishmentService } from '../replenishment/replenishment.service.js';
import {
  DUPLICATE_SERIAL_REASON,
  planDeviceMatches,
  type IncomingIdentity,
} from './device-matching.js';
import { supplyKey, supplyState, toCounterJson } from './ingest.mapping.js';
import {
  IngestRepository,
  type DeviceWrite,
  type StoredDevice,
  type StoredSupply,
  type SupplyLevelWrite,
  type SupplyWrite,
} from './ingest.repository.js';

export type IngestInput = {
  tenantId: string;
  customerId: string;
  siteId: string;
  agentId: string;
  /** The `uploads.id` row this payload arrived in (links meter reads and levels to it). */
  uploadId: string;
  payload: UploadPayload;
};

export type IngestOutcome = {
  devices: number;
  readings: number;
  meterReads: number;
  commandResults: number;
  /** The devices this upload touched (replenishment evaluates them after the commit). */
  deviceIds: string[];
};

const TRACKED_FIELDS = ['ipAddress', 'macAddress', 'hostname', 'firmware', 'serialNumber'] as const;
/** The device columns `updateDeviceIdentities` writes. */
const WRITTEN_IDENTITY_COLUMNS = [
  'siteId',
  'agentId',
  'manufacturer',
  'model',
  'serialNumber',
  'macAddress',
  'ipAddress',
  'hostname',
  'firmware',
  'location',
  'assetTag',
  'sysObjectId',
  'noIdentity',
  'needsReview',
  'reviewReason',
] as const;
const IDENTITY_FIELDS = [
  'manufacturer',
  'model',
  'serialNumber',
  'macAddress',
  'ipAddress',
  'hostname',
  'firmware',
  'location',
  'assetTag',
  'sysObjectId',
] as const;

/** One device of the upload: every payload entry that turned out to be it, readings merged oldest first. */
type DeviceGroup = {
  row: DeviceWrite;
  isNew: boolean;
  /** statusAt before this upload: alerts only follow a newer reading. */
  statusAtBefore: Date | null;
  /** An identity, placement or review column differs from the stored row. */
  identityChanged: boolean;
  readings: Reading[];
};

/**
 * Normalises one accepted upload inside the caller's transaction, set-based: a handful of
 * statements per upload whatever its number of devices. Devices are matched in memory
 * (`planDeviceMatches`) against the candidates of one query, created and updated in one
 * statement each; meter reads go through `MetersService.recordReadings` (identical readings,
 * rollbacks → discontinuities), supplies and their level history in three statements,
 * `ReplenishmentService.fulfilBySwapMany` for swaps, `AlertsService.syncFromReadings` with each
 * device's newest reading, then command results.
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(IngestRepository) private readonly repository: IngestRepository,
    @Inject(CommandsService) private readonly commands: CommandsService,
    @Inject(MetersService) private readonly meters: MetersService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(ReplenishmentService) private readonly replenishment: ReplenishmentService,
  ) {}

  async ingestUpload(tx: Prisma.TransactionClient, input: IngestInput): Promise<IngestOutcome> {
    const joins = await this.repository.beginUpload(tx, input.customerId);
    try {
      return await this.normalise(tx, input);
    } finally {
      await this.repository.restoreJoins(tx, joins);
    }
  }

  private async normalise(
    tx: Prisma.TransactionClient,
    input: IngestInput,
  ): Promise<IngestOutcome> {
    const scope = { tenantId: input.tenantId, customerId: input.customerId };
    const groups = await this.matchDevices(tx, input, input.payload.devices);
    const readings = input.payload.devices.reduce((sum, device) => sum + device.readings.length, 0);

    const batch: DeviceReadings[] = groups.map((group) => ({
      device: { id: group.row.id, ...scope },
      readings: group.readings.map((reading) => ({
        readAt: new Date(reading.takenAt),
        counters: toCounterJson(reading.counters),
        uploadId: input.uploadId,
      })),
    }));
    const { stored, newestRead } = await this.meters.recordReadings(tx, batch, {
      markDevices: false,
    });
    // One update per device row: identity, status and lastMeterReadAt together.
    const updated = groups.filter((group) => {
      group.row.lastMeterReadAt = newestRead.get(group.row.id) ?? null;
      return !group.isNew || group.row.lastMeterReadAt !== null;
    });
    await this.repository.updateDeviceReadings(
      tx,
      scope,
      updated.map((group) => group.row),
    );
    await this.repository.updateDeviceIdentities(
      tx,
      scope,
      updated.filter((group) => group.identityChanged).map((group) => group.row),
    );

    await this.storeSupplies(tx, input, groups);
    const deviceIds = groups.map((group) => group.row.id);
    await this.replenishment.fulfilBySwapMany(tx, input.tenantId, deviceIds);

    const conditions: { device: AlertDevice; condition: DeviceCondition }[] = [];
    for (const group of groups) {
      const newest = group.readings.at(-1);
      // Only the newest reading acts, and only when the device did not already show a newer status.
      if (
        !newest ||
        (group.statusAtBefore && group.statusAtBefore.getTime() > Date.parse(newest.takenAt))
      )
        continue;
      conditions.push({
        device: { id: group.row.id, ...scope, agentId: input.agentId },
        condition: {
          at: new Date(newest.takenAt),
          errors: newest.status.errors,
          alerts: newest.alerts,
        },
      });
    }
    await this.alerts.syncFromReadings(tx, conditions);

    let commandResults = 0;
    for (const result of input.payload.commandResults ?? []) {
      const applied = await this.commands.applyResult(tx, input.agentId, result.commandId, {
        status: result.status,
        message: result.message,
        finishedAt: result.finishedAt,
        result: { via: 'upload' },
      });
      if (applied.outcome === 'applied') commandResults += 1;
    }
    return {
      devices: input.payload.devices.length,
      readings,
      meterReads: stored,
      commandResults,
      deviceIds,
    };
  }

  /**
   * Matches the upload's devices, creates the new ones and records identity changes; the
   * caller writes the changed rows (`updateDevices`) once their meter reads are known.
   */
  private async matchDevices(
    tx: Prisma.TransactionClient,
    input: IngestInput,
    devices: readonly DevicePayload[],
  ): Promise<DeviceGroup[]> {
    const identities: IncomingIdentity[] = devices.map((device) => ({
      serial: device.identity.serial || null,
      manufacturer: device.identity.manufacturer || null,
      mac: device.identity.mac || null,
      ip: ipOf(device),
    }));
    const candidates = await this.repository.candidates(tx, {
      customerId: input.customerId,
      agentId: input.agentId,
      serials: unique(identities.map((identity) => identity.serial)),
      macs: unique(identities.map((identity) => identity.mac)),
      flaggedAddresses: unique(
        identities
          .filter((identity) => !identity.serial && !identity.mac)
          .map((identity) => identity.ip),
      ),
    });
    const plan = planDeviceMatches(identities, candidates, input.agentId);
    const byId = new Map<string, StoredDevice>(candidates.map((device) => [device.id, device]));

    // Entries of one device (listed twice, or a stored device seen under two addresses) act together.
    const entriesOf = new Map<string, DevicePayload[]>();
    plan.matches.forEach((match, index) => {
      const key = match.kind === 'existing' ? match.id : `new:${match.slot}`;
      const list = entriesOf.get(key);
      if (list) list.push(devices[index]!);
      else entriesOf.set(key, [devices[index]!]);
    });

    const groups: DeviceGroup[] = [];
    const changes: Prisma.DeviceIdentityChangeCreateManyInput[] = [];
    for (const [key, entries] of entriesOf) {
      const readings = entries
        .flatMap((entry) => entry.readings)
        .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
      const newest = readings.at(-1);
      // The identity of the entry with the newest reading (the last entry when none has one).
      const source =
        (newest && entries.find((entry) => entry.readings.includes(newest))) || entries.at(-1)!;
      const seenAt = newest ? new Date(newest.takenAt) : new Date();
      const known = knownFields(source);
      const status = newest
        ? {
            printerStatus: newest.status.printer,
            detectedErrors: [...newest.status.errors],
            consoleDisplay: newest.console,
            statusAt: seenAt,
          }
        : null;

      const existing = key.startsWith('new:') ? null : byId.get(key)!;
      if (!existing) {
        const slot = Number(key.slice(4));
        groups.push({
          isNew: true,
          statusAtBefore: null,
          identityChanged: false,
          readings,
          row: {
            id: randomUUID(),
            siteId: input.siteId,
            agentId: input.agentId,
            ...nullFields(),
            ...known,
            noIdentity: !known.serialNumber && !known.macAddress,
            needsReview: plan.reviewNew.has(slot),
            reviewReason: plan.reviewNew.has(slot) ? DUPLICATE_SERIAL_REASON : null,
            printerStatus: status?.printerStatus ?? null,
            detectedErrors: status?.detectedErrors ?? [],
            consoleDisplay: status?.consoleDisplay ?? null,
            statusAt: status?.statusAt ?? null,
            firstSeenAt: seenAt,
            lastSeenAt: seenAt,
            lastMeterReadAt: null,
          },
        });
        continue;
      }

      // Older spooled readings arriving late must not roll identity or status back.
      const isNewer = !existing.statusAt || seenAt.getTime() >= existing.statusAt.getTime();
      if (isNewer) {
        for (const field of TRACKED_FIELDS) {
          const next = known[field];
          if (next !== undefined && next !== existing[field]) {
            changes.push({
              tenantId: input.tenantId,
              customerId: input.customerId,
              deviceId: existing.id,
              field,
              oldValue: existing[field],
              newValue: next,
              changedAt: seenAt,
              uploadId: input.uploadId,
            });
          }
        }
      }
      const review = plan.reviewExisting.has(existing.id);
      const row: DeviceWrite = {
        ...existing,
        ...(isNewer
          ? { ...known, ...(status ?? {}), agentId: input.agentId, siteId: input.siteId }
          : {}),
        ...(review ? { needsReview: true, reviewReason: DUPLICATE_SERIAL_REASON } : {}),
        lastSeenAt: seenAt.getTime() > existing.lastSeenAt.getTime() ? seenAt : existing.lastSeenAt,
      };
      const identityChanged = WRITTEN_IDENTITY_COLUMNS.some(
        (column) => row[column] !== existing[column],
      );
      groups.push({
        isNew: false,
        statusAtBefore: existing.statusAt,
        identityChanged,
        readings,
        row,
      });
    }

    const scope = { tenantId: input.tenantId, customerId: input.customerId };
    await this.repository.insertDevices(
      tx,
      scope,
      groups.filter((group) => group.isNew).map((group) => group.row),
    );
    await this.repository.recordIdentityChanges(tx, changes);
    return groups;
  }

  /** Supplies: the current state follows the newest reading; every reading adds a level row. */
  private async storeSupplies(
    tx: Prisma.TransactionClient,
    input: IngestInput,
    groups: readonly DeviceGroup[],
  ): Promise<void> {
    if (!groups.some((group) => group.readings.some((reading) => reading.supplies.length > 0)))
      return;
    const storedRows = await this.repository.suppliesOf(
      tx,
      input.tenantId,
      groups.filter((group) => !group.isNew).map((group) => group.row.id),
    );
    const stored = new Map(storedRows.map((row) => [`${row.deviceId}|${row.supplyKey}`, row]));
    const renames = new SupplyRenames(storedRows);
    const inserts = new Map<string, SupplyWrite>();
    /** Per stored supply, the index in `levels` of the reading that becomes its current state. */
    const updates = new Map<string, number>();
    const described = new Map<string, SupplyWrite>();
    const levels: SupplyLevelWrite[] = [];
    for (const group of groups) {
      const deviceId = group.row.id;
      for (const reading of group.readings) {
        const readAt = new Date(reading.takenAt);
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
            state: supplyState(supply),
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
            // Readings are oldest first: the last one at or after the stored state wins.
            if (!row.readAt || readAt.getTime() >= row.readAt.getTime()) {
              updates.set(mapKey, levels.length);
              if (SUPPLY_DESCRIPTION_COLUMNS.some((column) => current[column] !== row[column]))
                described.set(mapKey, { ...current, id: row.id });
              else described.delete(mapKey);
            }
          } else {
            supplyId = inserts.get(mapKey)?.id ?? randomUUID();
            inserts.set(mapKey, { ...current, id: supplyId });
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
            readAt,
          });
        }
      }
    }
    const scope = { tenantId: input.tenantId, customerId: input.customerId };
    await this.repository.insertSupplies(tx, scope, [...inserts.values()]);
    for (const index of updates.values()) levels[index]!.current = true;
    await this.repository.updateSupplyDescriptions(tx, scope, [...described.values()]);
    await this.repository.writeSupplyReadings(tx, { ...scope, uploadId: input.uploadId }, levels);
  }
}

/**
 * The stored supply a reading's supply is under another description: same device, same
 * Printer-MIB index, same type and colour, and the stored description not reported in that
 * reading. A reading at least as new as the stored state renames it (once per upload); a late
 * older one is its history and renames nothing.
 */
class SupplyRenames {
  /** By device and index; built on the first miss (a steady upload has none). */
  private byIndex: Map<string, StoredSupply[]> | null = null;
  private readonly claimed = new Set<string>();

  constructor(private readonly rows: readonly StoredSupply[]) {}

  match(
    deviceId: string,
    supply: SupplyReading,
    reported: readonly SupplyReading[],
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

/** The supply columns `updateSupplyDescriptions` writes. */
const SUPPLY_DESCRIPTION_COLUMNS = ['description', 'type', 'color', 'partNumber'] as const;

type IdentityFields = Pick<DeviceWrite, (typeof IDENTITY_FIELDS)[number]>;

/** The identity fields the device reported (null and empty values never overwrite). */
function knownFields(payload: DevicePayload): Partial<IdentityFields> {
  const identity = payload.identity;
  const fields: IdentityFields = {
    manufacturer: identity.manufacturer,
    model: identity.model,
    serialNumber: identity.serial,
    macAddress: identity.mac,
    ipAddress: ipOf(payload),
    hostname: identity.hostname,
    firmware: identity.firmware,
    location: identity.location,
    assetTag: identity.assetTag,
    sysObjectId: identity.sysObjectId,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== ''),
  );
}

function nullFields(): IdentityFields {
  return Object.fromEntries(
    IDENTITY_FIELDS.map((field) => [field, null]),
  ) as unknown as IdentityFields;
}

function ipOf(payload: DevicePayload): string | null {
  return payload.identity.ip || (isIP(payload.address) !== 0 ? payload.address : null);
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}
