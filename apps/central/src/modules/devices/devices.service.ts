import { Inject, Injectable } from '@nestjs/common';
import type { Device as DeviceRow } from '@prisma/client';
import { CREATED_AT_CURSOR_KEYS, createdAtCursor, toConnection, toPage, type ConnectionShape } from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { Device, DeviceAlert, DeviceMeterRead, DeviceSupply } from './device.model.js';
import type { DevicesArgs } from './device.inputs.js';
import { DeviceNotFoundError } from './devices.errors.js';
import { DevicesRepository } from './devices.repository.js';

/** The read side of the fleet: devices with their newest counters, supplies and open alerts. */
@Injectable()
export class DevicesService {
  constructor(
    @Inject(DevicesRepository) private readonly repository: DevicesRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async get(id: string): Promise<Device> {
    const row = await this.db.run((tx) => this.repository.findById(tx, id));
    if (!row) throw new DeviceNotFoundError(id);
    return toDevice(row);
  }

  async list(args: DevicesArgs): Promise<ConnectionShape<Device>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) => this.repository.list(tx, args, { take: page.first + 1, after: page.after }));
    return toConnection(rows, page.first, createdAtCursor, toDevice);
  }

  async latestMeterRead(deviceId: string): Promise<DeviceMeterRead | null> {
    const row = await this.db.run((tx) => this.repository.latestMeterRead(tx, deviceId));
    return row ? { readAt: row.readAt, lastSeenAt: row.lastSeenAt, counters: row.counters as Record<string, number> } : null;
  }

  async supplies(deviceId: string): Promise<DeviceSupply[]> {
    const rows = await this.db.run((tx) => this.repository.supplies(tx, deviceId));
    return rows.map((row) => ({
      id: row.id,
      supplyKey: row.supplyKey,
      description: row.description,
      type: row.type,
      color: row.color,
      partNumber: row.partNumber,
      level: row.level,
      maxCapacity: row.maxCapacity,
      percent: row.percent,
      state: row.state,
      readAt: row.readAt,
    }));
  }

  async openAlerts(deviceId: string): Promise<DeviceAlert[]> {
    const rows = await this.db.run((tx) => this.repository.openAlerts(tx, deviceId));
    return rows.map((row) => ({ id: row.id, code: row.code, severity: row.severity, source: row.source, message: row.message, openedAt: row.openedAt, lastSeenAt: row.lastSeenAt }));
  }
}

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    customerId: row.customerId,
    siteId: row.siteId,
    agentId: row.agentId,
    manufacturer: row.manufacturer,
    model: row.model,
    serialNumber: row.serialNumber,
    macAddress: row.macAddress,
    ipAddress: row.ipAddress,
    hostname: row.hostname,
    firmware: row.firmware,
    location: row.location,
    assetTag: row.assetTag,
    printerStatus: row.printerStatus,
    detectedErrors: row.detectedErrors,
    consoleDisplay: row.consoleDisplay,
    statusAt: row.statusAt,
    noIdentity: row.noIdentity,
    needsReview: row.needsReview,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    lastMeterReadAt: row.lastMeterReadAt,
  };
}
