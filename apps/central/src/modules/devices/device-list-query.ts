import { registerEnumType } from '@nestjs/graphql';
import type { Prisma } from '@prisma/client';

/**
 * A toner or ink supply at or below this percent (or reported LOW/EMPTY) counts as low: the
 * number in the generated column `supplies.low_marking` (migration
 * 20261209160000_supply_low_marking), which holds the whole rule; fleet-list.int-spec.ts
 * checks both sides of this boundary.
 */
export const LOW_TONER_PERCENT = 15;

export const DEVICE_SORT_FIELDS = [
  'FIRST_SEEN',
  'LAST_SEEN',
  'LAST_READ',
  'MANUFACTURER',
  'MODEL',
  'SERIAL_NUMBER',
  'IP_ADDRESS',
  'HOSTNAME',
  'LOCATION',
] as const;
export type DeviceSortFieldName = (typeof DEVICE_SORT_FIELDS)[number];
export const DeviceSortField = Object.fromEntries(
  DEVICE_SORT_FIELDS.map((field) => [field, field]),
) as { [K in DeviceSortFieldName]: K };
registerEnumType(DeviceSortField, {
  name: 'DeviceSortField',
  description:
    'FIRST_SEEN (when the device appeared), LAST_SEEN, LAST_READ (newest meter read), MANUFACTURER (then model), MODEL, SERIAL_NUMBER, IP_ADDRESS (as text), HOSTNAME, LOCATION.',
});

export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirectionName = (typeof SORT_DIRECTIONS)[number];
export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
registerEnumType(SortDirection, { name: 'SortDirection' });

const SEVERITIES_AT_LEAST = {
  INFO: ['INFO', 'WARNING', 'CRITICAL'],
  WARNING: ['WARNING', 'CRITICAL'],
  CRITICAL: ['CRITICAL'],
} as const;
export type AlertSeverityName = keyof typeof SEVERITIES_AT_LEAST;
export const ALERT_SEVERITY_LEVELS = ['INFO', 'WARNING', 'CRITICAL'] as const;
/** Own enum (not alerts' AlertSeverity): the alerts module depends on this one. */
export const AlertSeverityAtLeast = {
  INFO: 'INFO',
  WARNING: 'WARNING',
  CRITICAL: 'CRITICAL',
} as const;
registerEnumType(AlertSeverityAtLeast, {
  name: 'AlertSeverityAtLeast',
  description: 'An alert severity as a lower bound: WARNING matches WARNING and CRITICAL.',
});

export type DeviceListFilter = {
  ipAddress?: string | null;
  lowToner?: boolean | null;
  dueSoon?: boolean | null;
  silent?: boolean | null;
  alertSeverity?: AlertSeverityName | null;
  underContract?: boolean | null;
};

const lowSupply: Prisma.SupplyWhereInput = { lowMarking: true };
const activeOrder: Prisma.SupplyOrderWhereInput = { activeKey: { not: null } };
const openMembership: Prisma.ContractDeviceWhereInput = { detachedAt: null };

/** The fleet filters beyond scope, search and status, as Prisma `where` fragments. */
export function fleetFilterWhere(
  filter: DeviceListFilter,
  silenceCutoff: Date,
): Prisma.DeviceWhereInput[] {
  const where: Prisma.DeviceWhereInput[] = [];
  if (filter.ipAddress) where.push({ ipAddress: filter.ipAddress });
  if (filter.lowToner != null)
    where.push({ supplies: filter.lowToner ? { some: lowSupply } : { none: lowSupply } });
  if (filter.dueSoon != null)
    where.push({
      supplyOrders: filter.dueSoon ? { some: activeOrder } : { none: activeOrder },
    });
  if (filter.silent != null)
    where.push({
      lastSeenAt: filter.silent ? { lt: silenceCutoff } : { gte: silenceCutoff },
    });
  if (filter.underContract != null)
    where.push({
      contractMemberships: filter.underContract
        ? { some: openMembership }
        : { none: openMembership },
    });
  if (filter.alertSeverity)
    where.push({
      alerts: {
        some: { closedAt: null, severity: { in: [...SEVERITIES_AT_LEAST[filter.alertSeverity]] } },
      },
    });
  return where;
}

type Order = 'asc' | 'desc';
const optional = (sort: Order) => ({ sort, nulls: 'last' as const });

/** ORDER BY for a sort; every order ends on id so pages never overlap. */
export function deviceOrder(
  field: DeviceSortFieldName,
  direction: SortDirectionName,
): Prisma.DeviceOrderByWithRelationInput[] {
  const sort: Order = direction === 'DESC' ? 'desc' : 'asc';
  const byField = ((): Prisma.DeviceOrderByWithRelationInput[] => {
    switch (field) {
      case 'FIRST_SEEN':
        return [{ createdAt: sort }];
      case 'LAST_SEEN':
        return [{ lastSeenAt: sort }];
      case 'LAST_READ':
        return [{ lastMeterReadAt: optional(sort) }];
      case 'MANUFACTURER':
        return [{ manufacturer: optional(sort) }, { model: optional(sort) }];
      case 'MODEL':
        return [{ model: optional(sort) }];
      case 'SERIAL_NUMBER':
        return [{ serialNumber: optional(sort) }];
      case 'IP_ADDRESS':
        return [{ ipAddress: optional(sort) }];
      case 'HOSTNAME':
        return [{ hostname: optional(sort) }];
      case 'LOCATION':
        return [{ location: optional(sort) }];
    }
  })();
  return [...byField, { id: sort }];
}
