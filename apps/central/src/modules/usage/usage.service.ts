import { Inject, Injectable } from '@nestjs/common';
import {
  countersToList,
  customerUsageTotals,
  usageBetween,
  type ReviewedRead,
  type UsageDiscontinuity,
} from '@printbeat/domain';
import type { ConnectionShape } from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import type {
  CounterUsage,
  CustomerUsageTotal,
  DeviceUsage,
  MeterReadSpan,
  MissingMeterDevice,
} from './usage.model.js';
import { UsageRepository, type CounterEnds, type DiscontinuityRow } from './usage.repository.js';

export const DEFAULT_USAGE_COUNTERS = ['total', 'mono', 'color'];
/** Devices per statement while totals walk every page. */
const TOTALS_PAGE_SIZE = 1000;

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

  async usage(
    query: UsageQuery,
    page: { first: number; after: string | null },
  ): Promise<ConnectionShape<DeviceUsage> & { query: UsageQuery; everyDevice?: DeviceUsage[] }> {
    const result = await this.page(query, page);
    const edges = result.devices.map((device) => ({ cursor: device.deviceId, node: device }));
    return {
      edges,
      pageInfo: { hasNextPage: result.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      query,
      // A first page that is the whole selection already holds what the totals sum.
      ...(!page.after && !result.hasNextPage ? { everyDevice: result.devices } : {}),
    };
  }

  /**
   * Per customer, every device the query selects (all pages), its counters summed; `known` is
   * the whole selection when the caller has it already.
   */
  async customerTotals(query: UsageQuery, known?: DeviceUsage[]): Promise<CustomerUsageTotal[]> {
    if (known) return customerUsageTotals(known, query.counters ?? DEFAULT_USAGE_COUNTERS);
    const devices: DeviceUsage[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await this.page(query, { first: TOTALS_PAGE_SIZE, after });
      devices.push(...result.devices);
      if (!result.hasNextPage || result.devices.length === 0) break;
      after = result.devices.at(-1)!.deviceId;
    }
    return customerUsageTotals(devices, query.counters ?? DEFAULT_USAGE_COUNTERS);
  }

  /** When the devices the query selects were first and last read, whatever the period. */
  async readSpan(query: UsageQuery): Promise<MeterReadSpan> {
    const { tenantId } = tenantContext.get();
    const span = await this.db.run((tx) =>
      this.repository.readSpan(tx, {
        tenantId,
        customerId: query.customerId,
        siteId: query.siteId,
        deviceIds: query.deviceIds,
      }),
    );
    return { firstReadAt: span.first, lastReadAt: span.last };
  }

  /** One page of devices (ordered by id) with their usage: two SQL statements in one transaction. */
  async page(query: UsageQuery, page: { first: number; after: string | null }): Promise<UsagePage> {
    const { tenantId } = tenantContext.get();
    const counters = query.counters ?? DEFAULT_USAGE_COUNTERS;
    const { rows, discontinuities, reviewed } = await this.db.run(async (tx) => {
      const rows = await this.repository.endpoints(
        tx,
        {
          tenantId,
          customerId: query.customerId,
          siteId: query.siteId,
          deviceIds: query.deviceIds,
        },
        { after: page.after, take: page.first + 1 },
        { from: query.from, to: query.to },
        counters,
      );
      const deviceIds = rows.slice(0, page.first).map((row) => row.device_id);
      const discontinuities = await this.repository.discontinuities(
        tx,
        tenantId,
        deviceIds,
        counters,
        query.to,
      );
      const reviewed = await this.repository.reviewedReads(
        tx,
        tenantId,
        deviceIds,
        counters,
        query.to,
      );
      return { rows, discontinuities, reviewed };
    });

    const drops = new Map<string, UsageDiscontinuity[]>();
    for (const row of discontinuities) {
      const key = `${row.device_id}\u0000${row.counter}`;
      const list = drops.get(key) ?? [];
      list.push(toDiscontinuity(row));
      drops.set(key, list);
    }

    const reviews = new Map<string, ReviewedRead[]>();
    for (const row of reviewed) {
      const key = `${row.device_id}\u0000${row.counter}`;
      const list = reviews.get(key) ?? [];
      list.push({
        status: row.status,
        readAt: row.read_at,
        drop: row.drop,
        estimated: row.estimated,
      });
      reviews.set(key, list);
    }

    const devices = rows.slice(0, page.first).map((row) => {
      const all = row.counters.map((ends) => {
        const key = `${row.device_id}\u0000${ends.counter}`;
        const usage = counterUsage(ends, drops.get(key) ?? [], reviews.get(key) ?? []);
        const hasValue = usage.start !== null || usage.end !== null;
        return { usage, counter: ends.counter, hasValue, reported: ends.reported };
      });
      return {
        deviceId: row.device_id,
        customerId: row.customer_id,
        customerName: row.customer_name,
        siteId: row.site_id,
        siteName: row.site_name,
        serialNumber: row.serial_number,
        manufacturer: row.manufacturer,
        model: row.model,
        // Asked-for counters are always listed; defaults only those the device has.
        counters: (query.counters ? all : countersToList(all, counters)).map((c) => c.usage),
      };
    });
    return { devices, hasNextPage: rows.length > page.first };
  }

  async missing(args: {
    billingDate: Date;
    days: number;
    customerId: string | null;
    first: number;
    after: string | null;
  }): Promise<ConnectionShape<MissingMeterDevice>> {
    const { tenantId } = tenantContext.get();
    const since = new Date(args.billingDate.getTime() - args.days * 86_400_000);
    const rows = await this.db.run((tx) =>
      this.repository.missing(
        tx,
        { tenantId, customerId: args.customerId },
        args.billingDate,
        since,
        { after: args.after, take: args.first + 1 },
      ),
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
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    };
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

function counterUsage(
  ends: CounterEnds,
  discontinuities: UsageDiscontinuity[],
  reviews: ReviewedRead[],
): CounterUsage {
  const start =
    ends.startAt !== null && ends.startValue !== null
      ? { value: Number(ends.startValue), readAt: new Date(ends.startAt) }
      : null;
  const end =
    ends.endAt !== null && ends.endValue !== null
      ? { value: Number(ends.endValue), readAt: new Date(ends.endAt) }
      : null;
  const result = usageBetween(start, end, discontinuities, {
    startIsFallback: ends.startFallback,
    startCorrected: ends.startCorrected,
    endCorrected: ends.endCorrected,
    reviews,
  });
  return { counter: ends.counter, start, end, delta: result.delta, flags: result.flags };
}
