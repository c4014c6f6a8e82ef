import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';
import { ERROR_BITS, OFFLINE_BIT, WARNING_BITS, type DeviceStatusName } from './device-status.js';

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

export type DeviceFilter = {
  customerId?: string | null;
  siteId?: string | null;
  search?: string | null;
  manufacturer?: string | null;
  model?: string | null;
  status?: DeviceStatusName | null;
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

  list(
    tx: Prisma.TransactionClient,
    filter: DeviceFilter,
    silenceCutoff: Date,
    page: { take: number; after: Record<string, string> | null },
  ): Promise<DeviceRowWithAlerts[]> {
    const where: Prisma.DeviceWhereInput[] = [
      { mergedIntoId: null },
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
      afterCreatedAt(page.after),
    ];
    return tx.device.findMany({
      where: { AND: where },
      include: withOpenAlertSeverities,
      orderBy: createdAtOrder,
      take: page.take,
    });
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

  /** Newest first on the (tenant_id, device_id, read_at) unique index; the cursor is the last readAt. */
  meterReads(
    tx: Prisma.TransactionClient,
    deviceId: string,
    range: { from?: Date | null; to?: Date | null },
    page: { take: number; after: Record<string, string> | null },
  ) {
    const before = page.after ? new Date(page.after['readAt'] ?? '') : null;
    if (before && Number.isNaN(before.getTime()))
      throw new BadUserInputError('Invalid cursor', [
        { field: 'after', message: 'is not a cursor from this list' },
      ]);
    return tx.meterRead.findMany({
      where: {
        deviceId,
        AND: [
          range.from ? { readAt: { gte: range.from } } : {},
          range.to ? { readAt: { lte: range.to } } : {},
          before ? { readAt: { lt: before } } : {},
        ],
      },
      orderBy: { readAt: 'desc' },
      take: page.take,
      select: { readAt: true, lastSeenAt: true, counters: true },
    });
  }

  identityChanges(tx: Prisma.TransactionClient, deviceId: string, take: number) {
    return tx.deviceIdentityChange.findMany({
      where: { deviceId },
      orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
      take,
      select: { id: true, field: true, oldValue: true, newValue: true, changedAt: true },
    });
  }

  latestMeterRead(tx: Prisma.TransactionClient, deviceId: string) {
    return tx.meterRead.findFirst({ where: { deviceId }, orderBy: { readAt: 'desc' } });
  }

  supplies(tx: Prisma.TransactionClient, deviceId: string) {
    return tx.supply.findMany({ where: { deviceId }, orderBy: { supplyKey: 'asc' } });
  }

  openAlerts(tx: Prisma.TransactionClient, deviceId: string) {
    return tx.alert.findMany({
      where: { deviceId, closedAt: null },
      orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
    });
  }
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
