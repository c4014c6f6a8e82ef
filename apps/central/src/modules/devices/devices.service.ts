import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { storedCapabilities } from '@printbeat/domain';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  offsetOf,
  toConnection,
  toOffsetConnection,
  toPage,
} from '../../platform/graphql/pagination.js';
import { validated } from '../../platform/graphql/validated-args.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { toDeviceCapabilities } from './device-capabilities.model.js';
import { deviceStatus, silenceCutoff } from './device-status.js';
import type {
  CounterDisagreement,
  Device,
  DeviceConnection,
  DeviceEndMeter,
  DeviceFacets,
} from './device.model.js';
import { DeviceFacetsArgs, DevicesArgs } from './device.inputs.js';
import { DeviceNotFoundError } from './devices.errors.js';
import {
  DevicesRepository,
  type DevicePage,
  type DeviceRowWithAlerts,
} from './devices.repository.js';

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

  /**
   * One page of the fleet with the count of all matching devices. The default order (first
   * seen, ascending, no offset) pages by keyset; any other sort or an offset pages by offset.
   */
  async list(raw: DevicesArgs, now = new Date()): Promise<DeviceConnection> {
    const args = validated(DevicesArgs.schema, raw);
    const { tenantId } = tenantContext.get();
    const first = args.first ?? 20;
    const sort = args.sort ?? 'FIRST_SEEN';
    const direction = args.direction ?? 'ASC';
    const keyset = args.offset == null && sort === 'FIRST_SEEN' && direction === 'ASC';
    const skip = args.offset ?? (args.after && !keyset ? offsetOf(args.after) : 0);
    const page: DevicePage = keyset
      ? { kind: 'keyset', take: first + 1, after: toPage(args, CREATED_AT_CURSOR_KEYS).after }
      : { kind: 'offset', take: first + 1, skip, sort, direction };
    const { rows, cutoff, totalCount } = await this.db.run(async (tx) => {
      const cutoff = silenceCutoff(now, await this.repository.deviceSilenceHours(tx, tenantId));
      const rows = await this.repository.list(tx, tenantId, args, cutoff, page);
      const totalCount =
        countOfLastPage(page, rows.length) ??
        (await this.repository.count(tx, tenantId, args, cutoff));
      return { cutoff, rows, totalCount };
    });
    const connection = keyset
      ? toConnection(rows, first, createdAtCursor, (row) => toDevice(row, cutoff))
      : toOffsetConnection(rows, first, skip, (row) => toDevice(row, cutoff));
    return { ...connection, totalCount };
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
}

/**
 * The total when this page is the list's last one (fewer rows than asked for) and everything
 * before it is known: an offset page that is not past the end, or the first keyset page. Else null.
 */
function countOfLastPage(page: DevicePage, rows: number): number | null {
  if (rows >= page.take) return null;
  if (page.kind === 'keyset') return page.after ? null : rows;
  return rows > 0 || page.skip === 0 ? page.skip + rows : null;
}

/** The stored review (JSON written by ingest); anything else reads as none. */
function counterReviewOf(stored: Prisma.JsonValue): CounterDisagreement[] | null {
  return Array.isArray(stored) && stored.length > 0
    ? (stored as unknown as CounterDisagreement[])
    : null;
}

/** The stored end meter (written by retirement); anything else reads as none. */
function endMeterOf(stored: Prisma.JsonValue): DeviceEndMeter | null {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return null;
  const { readAt, counters } = stored as { readAt?: unknown; counters?: unknown };
  if (typeof readAt !== 'string' || !counters || typeof counters !== 'object') return null;
  return { readAt: new Date(readAt), counters: counters as Record<string, number> };
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
    displayName: row.displayName,
    equipmentId: row.equipmentId,
    assetTag: row.assetTag,
    notes: row.notes,
    retiredAt: row.retiredAt,
    retiredBy: row.retiredBy,
    endMeter: endMeterOf(row.endMeter),
    monitoringPausedAt: row.monitoringPausedAt,
    monitoringPausedBy: row.monitoringPausedBy,
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
    counterReview: counterReviewOf(row.counterReview),
    needsReview: row.needsReview,
    reviewReason: row.reviewReason,
    mergedIntoId: row.mergedIntoId,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    lastMeterReadAt: row.lastMeterReadAt,
    capabilities: toDeviceCapabilities(storedCapabilities(row.capabilities)),
  };
}
