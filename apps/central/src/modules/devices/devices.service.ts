import { Inject, Injectable } from '@nestjs/common';
import type { ZodType } from 'zod';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { deviceStatus, silenceCutoff } from './device-status.js';
import type {
  Device,
  DeviceAlert,
  DeviceFacets,
  DeviceIdentityChange,
  DeviceMeterRead,
  DeviceSupply,
} from './device.model.js';
import {
  DeviceFacetsArgs,
  DevicesArgs,
  IdentityChangesArgs,
  MeterReadsArgs,
} from './device.inputs.js';
import { DeviceNotFoundError } from './devices.errors.js';
import { DevicesRepository, type DeviceRowWithAlerts } from './devices.repository.js';

/** The read side of the fleet: devices with their newest counters, supplies and open alerts. */
@Injectable()
export class DevicesService {
  constructor(
    @Inject(DevicesRepository) private readonly repository: DevicesRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async get(id: string, now = new Date()): Promise<Device> {
    const { tenantId } = tenantContext.get();
    const { row, cutoff } = await this.db.run(async (tx) => ({
      row: await this.repository.findById(tx, id),
      cutoff: silenceCutoff(now, await this.repository.deviceSilenceHours(tx, tenantId)),
    }));
    if (!row) throw new DeviceNotFoundError(id);
    return toDevice(row, cutoff);
  }

  async list(raw: DevicesArgs, now = new Date()): Promise<ConnectionShape<Device>> {
    const args = validated(DevicesArgs.schema, raw);
    const { tenantId } = tenantContext.get();
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const { rows, cutoff } = await this.db.run(async (tx) => {
      const cutoff = silenceCutoff(now, await this.repository.deviceSilenceHours(tx, tenantId));
      return {
        cutoff,
        rows: await this.repository.list(tx, args, cutoff, {
          take: page.first + 1,
          after: page.after,
        }),
      };
    });
    return toConnection(rows, page.first, createdAtCursor, (row) => toDevice(row, cutoff));
  }

  /** Distinct manufacturers and models in scope; spellings differing only in case count as one. */
  async facets(raw: DeviceFacetsArgs): Promise<DeviceFacets> {
    const args = validated(DeviceFacetsArgs.schema, raw);
    const groups = await this.db.run((tx) => this.repository.modelCounts(tx, args));
    const manufacturers = new Map<string, string>();
    const models = new Map<
      string,
      { manufacturer: string | null; model: string | null; count: number }
    >();
    for (const group of groups) {
      if (group.manufacturer && !manufacturers.has(group.manufacturer.toLowerCase()))
        manufacturers.set(group.manufacturer.toLowerCase(), group.manufacturer);
      const key = `${group.manufacturer?.toLowerCase() ?? ''}\u0000${group.model?.toLowerCase() ?? ''}`;
      const seen = models.get(key);
      if (seen) seen.count += group.count;
      else models.set(key, { ...group });
    }
    const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
    return {
      manufacturers: [...manufacturers.values()].sort(byName),
      models: [...models.values()].sort(
        (a, b) =>
          byName(a.manufacturer ?? '', b.manufacturer ?? '') ||
          byName(a.model ?? '', b.model ?? ''),
      ),
    };
  }

  async meterReads(
    deviceId: string,
    raw: MeterReadsArgs,
  ): Promise<ConnectionShape<DeviceMeterRead>> {
    const args = validated(MeterReadsArgs.schema, raw);
    const page = toPage(args, ['readAt']);
    const rows = await this.db.run((tx) =>
      this.repository.meterReads(tx, deviceId, args, { take: page.first + 1, after: page.after }),
    );
    return toConnection(
      rows,
      page.first,
      (row) => ({ readAt: row.readAt.toISOString() }),
      (row) => ({
        readAt: row.readAt,
        lastSeenAt: row.lastSeenAt,
        counters: row.counters as Record<string, number>,
      }),
    );
  }

  async identityChanges(
    deviceId: string,
    raw: IdentityChangesArgs,
  ): Promise<DeviceIdentityChange[]> {
    const args = validated(IdentityChangesArgs.schema, raw);
    return this.db.run((tx) => this.repository.identityChanges(tx, deviceId, args.first));
  }

  async latestMeterRead(deviceId: string): Promise<DeviceMeterRead | null> {
    const row = await this.db.run((tx) => this.repository.latestMeterRead(tx, deviceId));
    return row
      ? {
          readAt: row.readAt,
          lastSeenAt: row.lastSeenAt,
          counters: row.counters as Record<string, number>,
        }
      : null;
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
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      severity: row.severity,
      source: row.source,
      message: row.message,
      openedAt: row.openedAt,
      lastSeenAt: row.lastSeenAt,
    }));
  }
}

/**
 * Field-resolver arguments may not pass the global validation pipe, so the bounds are
 * enforced here too (parsing twice is harmless: the schemas are idempotent).
 */
function validated<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: issue.message,
  }));
  throw new BadUserInputError(
    `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    problems,
  );
}

function toDevice(row: DeviceRowWithAlerts, cutoff: Date): Device {
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
    status: deviceStatus(
      {
        detectedErrors: row.detectedErrors,
        lastSeenAt: row.lastSeenAt,
        openAlertSeverities: row.alerts.map((alert) => alert.severity),
      },
      cutoff,
    ),
    consoleDisplay: row.consoleDisplay,
    statusAt: row.statusAt,
    noIdentity: row.noIdentity,
    needsReview: row.needsReview,
    reviewReason: row.reviewReason,
    mergedIntoId: row.mergedIntoId,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    lastMeterReadAt: row.lastMeterReadAt,
  };
}
