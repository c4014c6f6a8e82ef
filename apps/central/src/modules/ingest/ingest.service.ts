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
      for (const reading of sorted) {
        readings += 1;
        if (await this.storeMeterRead(tx, input, device, reading)) meterReads += 1;
        await this.storeSupplies(tx, input, device, reading);
      }
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

  /** True when a new meter read row was written. */
  private async storeMeterRead(tx: Prisma.TransactionClient, input: IngestInput, device: Device, reading: Reading): Promise<boolean> {
    const counters = toCounterJson(reading.counters);
    if (Object.keys(counters).length === 0) return false;
    const takenAt = new Date(reading.takenAt);
    const previous = await tx.meterRead.findFirst({ where: { deviceId: device.id, readAt: { lte: takenAt } }, orderBy: { readAt: 'desc' } });
    if (previous && sameCounters(previous.counters, counters)) {
      if (takenAt.getTime() > previous.lastSeenAt.getTime()) {
        await tx.meterRead.updateMany({ where: { id: previous.id }, data: { lastSeenAt: takenAt } });
      }
      return false;
    }
    const { count } = await tx.meterRead.createMany({
      data: [{ tenantId: input.tenantId, customerId: input.customerId, deviceId: device.id, readAt: takenAt, lastSeenAt: takenAt, counters, uploadId: input.uploadId }],
      skipDuplicates: true,
    });
    if (count === 1 && (!device.lastMeterReadAt || takenAt.getTime() > device.lastMeterReadAt.getTime())) {
      await tx.device.updateMany({ where: { id: device.id }, data: { lastMeterReadAt: takenAt } });
      device.lastMeterReadAt = takenAt;
    }
    return count === 1;
  }

  private async storeSupplies(tx: Prisma.TransactionClient, input: IngestInput, device: Device, reading: Reading): Promise<void> {
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
      let row = await tx.supply.findFirst({ where: { deviceId: device.id, supplyKey: key } });
      if (!row) {
        row = await tx.supply.create({ data: { tenantId: input.tenantId, customerId: input.customerId, deviceId: device.id, supplyKey: key, ...current } });
      } else if (!row.readAt || readAt.getTime() >= row.readAt.getTime()) {
        await tx.supply.updateMany({ where: { id: row.id }, data: current });
      }
      await tx.supplyLevel.createMany({
        data: [{
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
        }],
        skipDuplicates: true,
      });
    }
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
