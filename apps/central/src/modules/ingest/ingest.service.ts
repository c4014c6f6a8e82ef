import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { Device, Prisma } from '@prisma/client';
import type { DeviceIdentity, DevicePayload, Reading, UploadPayload } from '@printbeat/payload';
import { AlertsService } from '../alerts/alerts.service.js';
import { CommandsService } from '../commands/commands.service.js';
import { MetersService } from '../meters/meters.service.js';
import { ReplenishmentService } from '../replenishment/replenishment.service.js';
import { supplyKey, supplyState, toCounterJson } from './ingest.mapping.js';

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

/**
 * Normalises one accepted upload inside the caller's transaction: devices (matched by serial
 * + manufacturer within the customer, else MAC; never by IP alone), meter reads (a reading
 * identical to the previous one only advances its lastSeenAt), supplies with level history,
 * alerts opened/closed from the newest status, and command results.
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(CommandsService) private readonly commands: CommandsService,
    @Inject(MetersService) private readonly meters: MetersService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(ReplenishmentService) private readonly replenishment: ReplenishmentService,
  ) {}

  async ingestUpload(tx: Prisma.TransactionClient, input: IngestInput): Promise<IngestOutcome> {
    let readings = 0;
    let meterReads = 0;
    const deviceIds: string[] = [];
    for (const devicePayload of input.payload.devices) {
      const sorted = [...devicePayload.readings].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
      const { device, statusAtBefore } = await this.upsertDevice(tx, input, devicePayload, sorted);
      deviceIds.push(device.id);
      readings += sorted.length;
      for (const reading of sorted) {
        const recorded = await this.meters.recordReading(tx, device, {
          readAt: new Date(reading.takenAt),
          counters: toCounterJson(reading.counters),
          uploadId: input.uploadId,
        });
        if (recorded.outcome === 'stored') meterReads += 1;
      }
      await this.storeSupplies(tx, input, device, sorted);
      await this.replenishment.fulfilBySwap(tx, device.id);
      const newest = sorted.at(-1);
      // Only the newest reading acts, and only when the device did not already show a newer status.
      if (newest && !(statusAtBefore && statusAtBefore.getTime() > Date.parse(newest.takenAt))) {
        await this.alerts.syncFromReading(tx, { ...device, agentId: input.agentId }, { at: new Date(newest.takenAt), errors: newest.status.errors, alerts: newest.alerts });
      }
    }
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
    return { devices: input.payload.devices.length, readings, meterReads, commandResults, deviceIds };
  }

  private async matchDevice(tx: Prisma.TransactionClient, input: IngestInput, identity: DeviceIdentity, address: string): Promise<Device | null> {
    const live = { customerId: input.customerId, mergedIntoId: null };
    if (identity.serial) {
      const candidates = await tx.device.findMany({ where: { ...live, serialNumber: identity.serial }, orderBy: { createdAt: 'asc' }, take: 10 });
      const match = candidates.find((d) => !d.manufacturer || !identity.manufacturer || sameText(d.manufacturer, identity.manufacturer));
      if (match) return match;
    }
    if (identity.mac) {
      const byMac = await tx.device.findFirst({ where: { ...live, macAddress: identity.mac }, orderBy: { createdAt: 'asc' } });
      // A MAC seen with another serial is another device (a moved network card), not this one.
      if (byMac && !(byMac.serialNumber && identity.serial && byMac.serialNumber !== identity.serial)) return byMac;
    }
    if (!identity.serial && !identity.mac) {
      // Nothing to match reliably: such devices stay flagged, and only this agent's flagged
      // device at the same address is the same one (otherwise every upload would add one).
      return tx.device.findFirst({ where: { ...live, agentId: input.agentId, noIdentity: true, ipAddress: ipOf(identity, address) } });
    }
    return null;
  }

  private async upsertDevice(tx: Prisma.TransactionClient, input: IngestInput, payload: DevicePayload, sorted: Reading[]): Promise<{ device: Device; statusAtBefore: Date | null }> {
    const identity = payload.identity;
    const newest = sorted.at(-1);
    const seenAt = newest ? new Date(newest.takenAt) : new Date();
    const fields = {
      manufacturer: identity.manufacturer,
      model: identity.model,
      serialNumber: identity.serial,
      macAddress: identity.mac,
      ipAddress: ipOf(identity, payload.address),
      hostname: identity.hostname,
      firmware: identity.firmware,
      location: identity.location,
      assetTag: identity.assetTag,
      sysObjectId: identity.sysObjectId,
    };
    const known = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== '')) as Partial<typeof fields>;
    const status = newest
      ? { printerStatus: newest.status.printer, detectedErrors: newest.status.errors, consoleDisplay: newest.console, statusAt: seenAt }
      : {};

    const existing = await this.matchDevice(tx, input, identity, payload.address);
    if (!existing) {
      const created = await tx.device.create({
        data: {
          tenantId: input.tenantId,
          customerId: input.customerId,
          siteId: input.siteId,
          agentId: input.agentId,
          ...known,
          noIdentity: !identity.serial && !identity.mac,
          ...status,
          firstSeenAt: seenAt,
          lastSeenAt: seenAt,
        },
      });
      return { device: created, statusAtBefore: null };
    }

    // Older spooled readings arriving late must not roll identity or status back.
    const isNewer = !existing.statusAt || seenAt.getTime() >= existing.statusAt.getTime();
    const changes: Prisma.DeviceIdentityChangeCreateManyInput[] = [];
    if (isNewer) {
      for (const field of TRACKED_FIELDS) {
        const next = known[field];
        if (next !== undefined && next !== existing[field]) {
          changes.push({ tenantId: input.tenantId, customerId: input.customerId, deviceId: existing.id, field, oldValue: existing[field], newValue: next, changedAt: seenAt, uploadId: input.uploadId });
        }
      }
    }
    if (changes.length > 0) await tx.deviceIdentityChange.createMany({ data: changes });
    const device = await tx.device.update({
      where: { tenantId_id: { tenantId: input.tenantId, id: existing.id } },
      data: {
        ...(isNewer ? { ...known, ...status, agentId: input.agentId, siteId: input.siteId } : {}),
        lastSeenAt: seenAt.getTime() > existing.lastSeenAt.getTime() ? seenAt : existing.lastSeenAt,
      },
    });
    return { device, statusAtBefore: existing.statusAt };
  }

  /** Supplies of one device: the current state follows the newest reading; every reading adds a level row. */
  private async storeSupplies(tx: Prisma.TransactionClient, input: IngestInput, device: Device, sorted: Reading[]): Promise<void> {
    const rows = new Map((await tx.supply.findMany({ where: { deviceId: device.id } })).map((row) => [row.supplyKey, row]));
    const newest = new Map<string, { id: string; readAt: Date; data: Prisma.SupplyUncheckedUpdateManyInput }>();
    const levels: Prisma.SupplyLevelCreateManyInput[] = [];
    for (const reading of sorted) {
      const readAt = new Date(reading.takenAt);
      for (const supply of reading.supplies) {
        const key = supplyKey(supply);
        const current = {
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
        let row = rows.get(key);
        if (!row) {
          row = await tx.supply.create({ data: { tenantId: input.tenantId, customerId: input.customerId, deviceId: device.id, supplyKey: key, ...current } });
          rows.set(key, row);
        } else if (!row.readAt || readAt.getTime() >= row.readAt.getTime()) {
          newest.set(key, { id: row.id, readAt, data: current });
        }
        levels.push({
          tenantId: input.tenantId,
          customerId: input.customerId,
          deviceId: device.id,
          supplyId: row.id,
          level: supply.level,
          maxCapacity: supply.maxCapacity,
          percent: supply.percent,
          state: current.state,
          partNumber: supply.partNumber,
          readAt,
          uploadId: input.uploadId,
        });
      }
    }
    for (const { id, data } of newest.values()) await tx.supply.updateMany({ where: { id }, data });
    if (levels.length > 0) await tx.supplyLevel.createMany({ data: levels, skipDuplicates: true });
  }
}

function ipOf(identity: DeviceIdentity, address: string): string | null {
  return identity.ip ?? (isIP(address) !== 0 ? address : null);
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
