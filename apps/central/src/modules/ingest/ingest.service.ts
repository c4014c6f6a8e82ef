import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { Device, Prisma } from '@prisma/client';
import type { DeviceIdentity, DevicePayload, Reading, UploadPayload } from '@printbeat/payload';
import { CommandsService } from '../commands/commands.service.js';
import { desiredAlerts, sameCounters, supplyKey, supplyState, toCounterJson } from './ingest.mapping.js';

export type IngestInput = {
  tenantId: string;
  customerId: string;
  siteId: string;
  agentId: string;
  /** The `uploads.id` row this payload arrived in (links meter reads and levels to it). */
  uploadId: string;
  payload: UploadPayload;
};

export type IngestOutcome = { devices: number; readings: number; meterReads: number; commandResults: number };

const TRACKED_FIELDS = ['ipAddress', 'macAddress', 'hostname', 'firmware', 'serialNumber'] as const;

/**
 * Normalises one accepted upload inside the caller's transaction: devices (matched by serial
 * + manufacturer within the customer, else MAC; never by IP alone), meter reads (a reading
 * identical to the previous one only advances its lastSeenAt), supplies with level history,
 * alerts opened/closed from the newest status, and command results.
 */
@Injectable()
export class IngestService {
  constructor(@Inject(CommandsService) private readonly commands: CommandsService) {}

  async ingestUpload(tx: Prisma.TransactionClient, input: IngestInput): Promise<IngestOutcome> {
    let readings = 0;
    let meterReads = 0;
    for (const devicePayload of input.payload.devices) {
      const sorted = [...devicePayload.readings].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
      const device = await this.upsertDevice(tx, input, devicePayload, sorted);
      readings += sorted.length;
      meterReads += await this.storeMeterReads(tx, input, device, sorted);
      await this.storeSupplies(tx, input, device, sorted);
      await this.reconcileAlerts(tx, input, device, sorted);
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
    return { devices: input.payload.devices.length, readings, meterReads, commandResults };
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

  private async upsertDevice(tx: Prisma.TransactionClient, input: IngestInput, payload: DevicePayload, sorted: Reading[]): Promise<Device> {
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
      return tx.device.create({
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
    return tx.device.update({
      where: { tenantId_id: { tenantId: input.tenantId, id: existing.id } },
      data: {
        ...(isNewer ? { ...known, ...status, agentId: input.agentId, siteId: input.siteId } : {}),
        lastSeenAt: seenAt.getTime() > existing.lastSeenAt.getTime() ? seenAt : existing.lastSeenAt,
      },
    });
  }

  /**
   * Meter reads of one device for this upload, in a few queries whatever the number of
   * readings: the stored reads from just before the oldest reading on are merged with the new
   * readings in memory. A reading identical to the read right before it (stored or new) only
   * advances that read's lastSeenAt; a reading at an already stored instant is skipped.
   * Returns the number of new rows.
   */
  private async storeMeterReads(tx: Prisma.TransactionClient, input: IngestInput, device: Device, sorted: Reading[]): Promise<number> {
    const incoming = sorted
      .map((reading) => ({ at: new Date(reading.takenAt), counters: toCounterJson(reading.counters) }))
      .filter((reading) => Object.keys(reading.counters).length > 0);
    const first = incoming[0];
    if (!first) return 0;
    const before = await tx.meterRead.findFirst({ where: { deviceId: device.id, readAt: { lt: first.at } }, orderBy: { readAt: 'desc' } });
    const stored = await tx.meterRead.findMany({ where: { deviceId: device.id, readAt: { gte: first.at } }, orderBy: { readAt: 'asc' } });
    type Entry = { id: string | null; readAt: Date; lastSeenAt: Date; counters: unknown; dirty: boolean };
    const timeline: Entry[] = [...(before ? [before] : []), ...stored].map((row) => ({ id: row.id, readAt: row.readAt, lastSeenAt: row.lastSeenAt, counters: row.counters, dirty: false }));

    for (const reading of incoming) {
      let index = timeline.length - 1;
      while (index >= 0 && timeline[index]!.readAt.getTime() > reading.at.getTime()) index -= 1;
      const previous = index >= 0 ? timeline[index]! : null;
      if (previous && previous.readAt.getTime() === reading.at.getTime()) continue;
      if (previous && sameCounters(previous.counters, reading.counters)) {
        if (reading.at.getTime() > previous.lastSeenAt.getTime()) {
          previous.lastSeenAt = reading.at;
          previous.dirty = true;
        }
        continue;
      }
      timeline.splice(index + 1, 0, { id: null, readAt: reading.at, lastSeenAt: reading.at, counters: reading.counters, dirty: false });
    }

    for (const entry of timeline) {
      if (entry.id && entry.dirty) await tx.meterRead.updateMany({ where: { id: entry.id }, data: { lastSeenAt: entry.lastSeenAt } });
    }
    const fresh = timeline.filter((entry) => entry.id === null);
    if (fresh.length === 0) return 0;
    const { count } = await tx.meterRead.createMany({
      data: fresh.map((entry) => ({
        tenantId: input.tenantId,
        customerId: input.customerId,
        deviceId: device.id,
        readAt: entry.readAt,
        lastSeenAt: entry.lastSeenAt,
        counters: entry.counters as Record<string, number>,
        uploadId: input.uploadId,
      })),
      skipDuplicates: true,
    });
    const newest = fresh.reduce((max, entry) => (entry.readAt.getTime() > max.getTime() ? entry.readAt : max), fresh[0]!.readAt);
    if (!device.lastMeterReadAt || newest.getTime() > device.lastMeterReadAt.getTime()) {
      await tx.device.updateMany({ where: { id: device.id }, data: { lastMeterReadAt: newest } });
      device.lastMeterReadAt = newest;
    }
    return count;
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

  /** Alerts follow the newest reading only, and only when it is newer than what the device showed before. */
  private async reconcileAlerts(tx: Prisma.TransactionClient, input: IngestInput, device: Device, sorted: Reading[]): Promise<void> {
    const newest = sorted.at(-1);
    if (!newest) return;
    const at = new Date(newest.takenAt);
    if (device.statusAt && device.statusAt.getTime() > at.getTime()) return;
    const desired = desiredAlerts(newest.status.errors, newest.alerts);
    for (const alert of desired) {
      const openKey = `${device.id}:${alert.code}`;
      await tx.$executeRaw`
        INSERT INTO alerts (tenant_id, id, customer_id, device_id, agent_id, code, severity, source, message, details, opened_at, last_seen_at, open_key)
        VALUES (${input.tenantId}::uuid, gen_random_uuid(), ${input.customerId}::uuid, ${device.id}::uuid, ${input.agentId}::uuid,
                ${alert.code}, ${alert.severity}::"AlertSeverity", ${alert.source}, ${alert.message},
                ${alert.details === null ? null : JSON.stringify(alert.details)}::jsonb, ${at}, ${at}, ${openKey})
        ON CONFLICT (tenant_id, open_key) DO UPDATE
          SET last_seen_at = GREATEST(alerts.last_seen_at, EXCLUDED.last_seen_at), message = EXCLUDED.message, severity = EXCLUDED.severity`;
    }
    await tx.alert.updateMany({
      where: { deviceId: device.id, closedAt: null, source: { in: ['DEVICE_STATUS', 'ALERT_TABLE'] }, code: { notIn: desired.map((a) => a.code) } },
      data: { closedAt: at, openKey: null },
    });
  }
}

function ipOf(identity: DeviceIdentity, address: string): string | null {
  return identity.ip ?? (isIP(address) !== 0 ? address : null);
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
