import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';
import { ERROR_BITS, OFFLINE_BIT, WARNING_BITS, type DeviceStatusName } from './device-status.js';
import {
  deviceOrder,
  fleetFilterWhere,
  type DeviceListFilter,
  type DeviceSortFieldName,
  type SortDirectionName,
} from './device-list-query.js';

const SEARCHED = [
  'serialNumber',
  'model',
  'manufacturer',
  'ipAddress',
  'macAddress',
  'hostname',
  'location',
] as const;

/** Open alerts' severities come along with every device: its status needs them. */
const withOpenAlertSeverities = {
  alerts: { where: { closedAt: null }, select: { severity: true } },
} as const;
export type DeviceRowWithAlerts = Prisma.DeviceGetPayload<{
  include: typeof withOpenAlertSeverities;
}>;

export type DeviceFilter = DeviceListFilter & {
  customerId?: string | null;
  siteId?: string | null;
  search?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  status?: DeviceStatusName | null;
  retired?: 'HIDE' | 'SHOW' | 'ONLY' | null;
};

/** Keyset after a (createdAt, id) cursor, or a sorted page read by offset. */
export type DevicePage =
  | { kind: 'keyset'; take: number; after: Record<string, string> | null }
  | {
      kind: 'offset';
      take: number;
      skip: number;
      sort: DeviceSortFieldName;
      direction: SortDirectionName;
    };

/** Device rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class DevicesRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<DeviceRowWithAlerts | null> {
    return tx.device.findFirst({ where: { id }, include: withOpenAlertSeverities });
  }

  /** The tenant's silence threshold (RLS shows a tenant only its own row). */
  async deviceSilenceHours(tx: Prisma.TransactionClient, tenantId: string): Promise<number> {
    const tenant = await tx.tenant.findFirst({
      where: { id: tenantId },
      select: { deviceSilenceHours: true },
    });
    return tenant?.deviceSilenceHours ?? 48;
  }

  /**
   * One page of the tenant's fleet. A sorted page (by offset) is decided over ids alone — the
   * sort of every match stays narrow — and then only its rows are read whole.
   */
  async list(
    tx: Prisma.TransactionClient,
    tenantId: string,
    filter: DeviceFilter,
    silenceCutoff: Date,
    page: DevicePage,
  ): Promise<DeviceRowWithAlerts[]> {
    const where = filterWhere(tenantId, filter, silenceCutoff);
    if (page.kind === 'keyset')
      return tx.device.findMany({
        where: { AND: [where, afterCreatedAt(page.after)] },
        include: withOpenAlertSeverities,
        orderBy: createdAtOrder,
        take: page.take,
      });
    const ids = await tx.device.findMany({
      where,
      select: { id: true },
      orderBy: deviceOrder(page.sort, page.direction),
      skip: page.skip,
      take: page.take,
    });
    if (ids.length === 0) return [];
    const rows = await tx.device.findMany({
      where: { tenantId, id: { in: ids.map(({ id }) => id) } },
      include: withOpenAlertSeverities,
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap(({ id }) => byId.get(id) ?? []);
  }

  count(
    tx: Prisma.TransactionClient,
    tenantId: string,
    filter: DeviceFilter,
    silenceCutoff: Date,
  ): Promise<number> {
    return tx.device.count({ where: filterWhere(tenantId, filter, silenceCutoff) });
  }

  /** Distinct (manufacturer, model) pairs in scope with their device counts. */
  async modelCounts(
    tx: Prisma.TransactionClient,
    scope: { customerId?: string | null; siteId?: string | null },
  ) {
    const groups = await tx.device.groupBy({
      by: ['manufacturer', 'model'],
      where: {
        mergedIntoId: null,
        ...(scope.customerId ? { customerId: scope.customerId } : {}),
        ...(scope.siteId ? { siteId: scope.siteId } : {}),
      },
      _count: { _all: true },
    });
    return groups.map((group) => ({
      manufacturer: group.manufacturer,
      model: group.model,
      count: group._count._all,
    }));
  }

  /**
   * Up to `take` meter reads of each device, newest first, within the range and before
   * `before`: one statement for many devices, each read off the (tenant_id, device_id, read_at)
   * unique index.
   */
  meterReadsOfDevices(
    tx: Prisma.TransactionClient,
    deviceIds: readonly string[],
    range: { from: Date | null; to: Date | null; before: Date | null; take: number },
  ): Promise<MeterReadOfDevice[]> {
    return tx.$queryRaw<MeterReadOfDevice[]>`
      SELECT r.device_id AS "deviceId", r.read_at AS "readAt", r.last_seen_at AS "lastSeenAt", r.counters, r.sources
      FROM jsonb_array_elements_text(${JSON.stringify(deviceIds)}::jsonb) AS d(id)
      CROSS JOIN LATERAL (
        SELECT m.device_id, m.read_at, m.last_seen_at, m.counters, m.sources FROM meter_reads m
        WHERE m.device_id = d.id::uuid
          AND (${range.from}::timestamptz IS NULL OR m.read_at >= ${range.from}::timestamptz)
          AND (${range.to}::timestamptz IS NULL OR m.read_at <= ${range.to}::timestamptz)
          AND (${range.before}::timestamptz IS NULL OR m.read_at < ${range.before}::timestamptz)
        ORDER BY m.read_at DESC
        LIMIT ${range.take}::int
      ) r
      ORDER BY r.device_id, r.read_at DESC`;
  }

  /** Up to `take` identity changes of each device, newest first, in one statement. */
  identityChangesOfDevices(
    tx: Prisma.TransactionClient,
    deviceIds: readonly string[],
    take: number,
  ): Promise<IdentityChangeOfDevice[]> {
    return tx.$queryRaw<IdentityChangeOfDevice[]>`
      SELECT c.id, c.device_id AS "deviceId", c.field, c.old_value AS "oldValue",
             c.new_value AS "newValue", c.changed_at AS "changedAt"
      FROM jsonb_array_elements_text(${JSON.stringify(deviceIds)}::jsonb) AS d(id)
      CROSS JOIN LATERAL (
        SELECT * FROM device_identity_changes i
        WHERE i.device_id = d.id::uuid
        ORDER BY i.changed_at DESC, i.id DESC
        LIMIT ${take}::int
      ) c
      ORDER BY c.device_id, c.changed_at DESC, c.id DESC`;
  }
}

export type MeterReadOfDevice = {
  deviceId: string;
  readAt: Date;
  lastSeenAt: Date;
  counters: Record<string, number>;
  sources: Record<string, string> | null;
};

export type IdentityChangeOfDevice = {
  id: string;
  deviceId: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  changedAt: Date;
};

function retiredWhere(retired: 'HIDE' | 'SHOW' | 'ONLY'): Prisma.DeviceWhereInput[] {
  switch (retired) {
    case 'HIDE':
      return [{ retiredAt: null }];
    case 'SHOW':
      return [];
    case 'ONLY':
      return [{ retiredAt: { not: null } }];
  }
}

/**
 * The fleet's `where`. The tenant is named although row-level security already scopes every
 * row: PostgreSQL cannot estimate the policy's condition, and with the tenant's column named
 * it plans the fleet's scans from the tenant's real row count.
 */
function filterWhere(
  tenantId: string,
  filter: DeviceFilter,
  silenceCutoff: Date,
): Prisma.DeviceWhereInput {
  return {
    AND: [
      { tenantId, mergedIntoId: null },
      ...(filter.customerId ? [{ customerId: filter.customerId }] : []),
      ...(filter.siteId ? [{ siteId: filter.siteId }] : []),
      ...(filter.search
        ? [
            {
              OR: SEARCHED.map((field) => ({
                [field]: { contains: filter.search, mode: 'insensitive' as const },
              })),
            },
          ]
        : []),
      ...(filter.manufacturer
        ? [{ manufacturer: { equals: filter.manufacturer, mode: 'insensitive' as const } }]
        : []),
      ...(filter.model ? [{ model: { equals: filter.model, mode: 'insensitive' as const } }] : []),
      ...(filter.status ? [statusWhere(filter.status, silenceCutoff)] : []),
      ...fleetFilterWhere(filter, silenceCutoff),
      ...retiredWhere(filter.retired ?? 'HIDE'),
    ],
  };
}

/**
 * The rule of device-status.ts as a `where`: each status excludes those ranked above it.
 * detected_errors may be NULL (rows written before ingest filled it), and NOT on a NULL array
 * is NULL, so "has none of these bits" also accepts NULL explicitly.
 */
function statusWhere(status: DeviceStatusName, cutoff: Date): Prisma.DeviceWhereInput {
  const lacks = (bits: string[]): Prisma.DeviceWhereInput => ({
    OR: [{ detectedErrors: { equals: null } }, { NOT: { detectedErrors: { hasSome: bits } } }],
  });
  const openAlert = (severity: 'CRITICAL' | 'WARNING') => ({ some: { closedAt: null, severity } });
  const seen: Prisma.DeviceWhereInput = { lastSeenAt: { gte: cutoff } };
  const offline: Prisma.DeviceWhereInput = { detectedErrors: { has: OFFLINE_BIT } };
  const notOffline = lacks([OFFLINE_BIT]);
  const error: Prisma.DeviceWhereInput = {
    OR: [{ detectedErrors: { hasSome: [...ERROR_BITS] } }, { alerts: openAlert('CRITICAL') }],
  };
  const notError: Prisma.DeviceWhereInput = {
    AND: [lacks([...ERROR_BITS]), { alerts: { none: { closedAt: null, severity: 'CRITICAL' } } }],
  };
  const warning: Prisma.DeviceWhereInput = {
    OR: [{ detectedErrors: { hasSome: [...WARNING_BITS] } }, { alerts: openAlert('WARNING') }],
  };
  const notWarning: Prisma.DeviceWhereInput = {
    AND: [lacks([...WARNING_BITS]), { alerts: { none: { closedAt: null, severity: 'WARNING' } } }],
  };
  switch (status) {
    case 'NOT_SEEN_RECENTLY':
      return { lastSeenAt: { lt: cutoff } };
    case 'OFFLINE':
      return { AND: [seen, offline] };
    case 'ERROR':
      return { AND: [seen, notOffline, error] };
    case 'WARNING':
      return { AND: [seen, notOffline, notError, warning] };
    case 'OK':
      return { AND: [seen, notOffline, notError, notWarning] };
  }
}
