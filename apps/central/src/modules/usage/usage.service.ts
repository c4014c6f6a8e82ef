import { Inject, Injectable } from '@nestjs/common';
import { usageBetween, type UsageDiscontinuity } from '@printbeat/domain';
import type { ConnectionShape } from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import type { CounterUsage, DeviceUsage, MissingMeterDevice } from './usage.model.js';
import { UsageRepository, type DiscontinuityRow, type UsageRow } from './usage.repository.js';

export const DEFAULT_USAGE_COUNTERS = ['total', 'mono', 'color'];

export type UsageQuery = {
  customerId: string | null;
  siteId: string | null;
  deviceIds: string[] | null;
  from: Date;
  to: Date;
  /** null: the default counters, listing only those a device has. */
  counters: string[] | null;
};

export type UsagePage = { devices: DeviceUsage[]; hasNextPage: boolean };

@Injectable()
export class UsageService {
  constructor(
    @Inject(UsageRepository) private readonly repository: UsageRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async usage(query: UsageQuery, page: { first: number; after: string | null }): Promise<ConnectionShape<DeviceUsage>> {
    const result = await this.page(query, page);
    const edges = result.devices.map((device) => ({ cursor: device.deviceId, node: device }));
    return { edges, pageInfo: { hasNextPage: result.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** One page of devices (ordered by id) with their usage: two SQL statements in one transaction. */
  async page(query: UsageQuery, page: { first: number; after: string | null }): Promise<UsagePage> {
    const { tenantId } = tenantContext.get();
    const counters = query.counters ?? DEFAULT_USAGE_COUNTERS;
    const { rows, discontinuities } = await this.db.run(async (tx) => {
      const rows = await this.repository.endpoints(
        tx,
        { tenantId, customerId: query.customerId, siteId: query.siteId, deviceIds: query.deviceIds },
        { after: page.after, take: page.first + 1 },
        { from: query.from, to: query.to },
        counters,
      );
      const deviceIds = [...new Set(rows.map((row) => row.device_id))].slice(0, page.first);
      const discontinuities = await this.repository.discontinuities(tx, tenantId, deviceIds, counters, query.to);
      return { rows, discontinuities };
    });

    const byDevice = new Map<string, UsageRow[]>();
    for (const row of rows) {
      const list = byDevice.get(row.device_id);
      if (list) list.push(row);
      else byDevice.set(row.device_id, [row]);
    }
    const drops = new Map<string, UsageDiscontinuity[]>();
    for (const row of discontinuities) {
      const key = `${row.device_id}\u0000${row.counter}`;
      const list = drops.get(key) ?? [];
      list.push(toDiscontinuity(row));
      drops.set(key, list);
    }

    const devices = [...byDevice.values()].slice(0, page.first).map((deviceRows) => {
      const first = deviceRows[0]!;
      const all = deviceRows.map((row) => counterUsage(row, drops.get(`${row.device_id}\u0000${row.counter}`) ?? []));
      const present = all.filter((usage) => usage.start !== null || usage.end !== null);
      return {
        deviceId: first.device_id,
        customerId: first.customer_id,
        customerName: first.customer_name,
        siteId: first.site_id,
        siteName: first.site_name,
        serialNumber: first.serial_number,
        manufacturer: first.manufacturer,
        model: first.model,
        // Asked-for counters are always listed; defaults only where the device has them
        // (a device with no reading at all still shows its first default counter, flagged).
        counters: query.counters ? all : present.length > 0 ? present : all.slice(0, 1),
      };
    });
    return { devices, hasNextPage: byDevice.size > page.first };
  }

  async missing(args: { billingDate: Date; days: number; customerId: string | null; first: number; after: string | null }): Promise<ConnectionShape<MissingMeterDevice>> {
    const { tenantId } = tenantContext.get();
    const since = new Date(args.billingDate.getTime() - args.days * 86_400_000);
    const rows = await this.db.run((tx) =>
      this.repository.missing(tx, { tenantId, customerId: args.customerId }, args.billingDate, since, { after: args.after, take: args.first + 1 }),
    );
    const edges = rows.slice(0, args.first).map((row) => ({
      cursor: row.device_id,
      node: {
        deviceId: row.device_id,
        customerId: row.customer_id,
        siteId: row.site_id,
        serialNumber: row.serial_number,
        manufacturer: row.manufacturer,
        model: row.model,
        lastReadAt: row.last_seen_at,
      },
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}

function toDiscontinuity(row: DiscontinuityRow): UsageDiscontinuity {
  return {
    status: row.status,
    beforeValue: Number(row.before_value),
    afterValue: Number(row.after_value),
    offset: row.offset === null ? null : Number(row.offset),
    afterReadAt: row.after_read_at,
  };
}

function counterUsage(row: UsageRow, discontinuities: UsageDiscontinuity[]): CounterUsage {
  const start = row.start_at && row.start_value !== null ? { value: Number(row.start_value), readAt: row.start_at } : null;
  const end = row.end_at && row.end_value !== null ? { value: Number(row.end_value), readAt: row.end_at } : null;
  const result = usageBetween(start, end, discontinuities, { startIsFallback: row.start_fallback });
  return { counter: row.counter, start, end, delta: result.delta, flags: result.flags };
}
