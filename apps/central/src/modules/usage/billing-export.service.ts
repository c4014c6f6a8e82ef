import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { customerUsageTotals, type CustomerUsageTotal } from '@printbeat/domain';
import {
  BillingIdentifiers,
  NO_BILLING_IDENTITY,
  type BillingIdentity,
} from './billing-identifiers.js';
import { billingCsvStart, billingRowLine, billingRows, customerTotalLines } from './billing-csv.js';
import type { BillingExportRow } from './billing-export.model.js';
import type { DeviceUsage } from './usage.model.js';
import { DEFAULT_USAGE_COUNTERS, UsageService } from './usage.service.js';

const DEVICES_PER_PAGE = 500;

export type BillingExportQuery = {
  customerId: string | null;
  from: Date;
  to: Date;
  /**
   * The billed meters; null: a device's contract's billed meters, or for a device under no
   * contract total, mono and color (those it has).
   */
  counters: string[] | null;
};

export type BillingExportSummary = { rows: number; devices: number };

/** The billing export: the same rows for the CSV and for GraphQL, with per-customer totals. */
@Injectable()
export class BillingExportService {
  constructor(
    @Inject(UsageService) private readonly usage: UsageService,
    @Inject(BillingIdentifiers) private readonly identifiers: BillingIdentifiers,
  ) {}

  async page(
    query: BillingExportQuery,
    page: { first: number; after: string | null },
  ): Promise<{ rows: BillingExportRow[]; hasNextPage: boolean; endCursor: string | null }> {
    const result = await this.billedPage(query, page);
    return {
      rows: result.devices.flatMap(({ device, identity }) => billingRows(device, identity)),
      hasNextPage: result.hasNextPage,
      endCursor: result.devices.at(-1)?.device.deviceId ?? null,
    };
  }

  /** Per customer and billed meter, every device's delta summed (all pages). */
  async customerTotals(query: BillingExportQuery): Promise<CustomerUsageTotal[]> {
    const devices: DeviceUsage[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.billedPage(query, { first: DEVICES_PER_PAGE, after });
      for (const { device } of page.devices)
        devices.push({ ...device, counters: device.counters.map(deltaOnly) });
      const last = page.devices.at(-1);
      if (!page.hasNextPage || !last) break;
      after = last.device.deviceId;
    }
    return customerUsageTotals(devices, query.counters ?? DEFAULT_USAGE_COUNTERS);
  }

  /**
   * Writes the CSV (header, a row per device and billed meter, then per-customer totals) to
   * `out` page by page in the current tenant context, honouring back-pressure; ends `out`.
   */
  async stream(
    query: BillingExportQuery,
    out: Writable,
    options: { bom: boolean },
  ): Promise<BillingExportSummary> {
    await write(out, billingCsvStart(options));
    const devices: DeviceUsage[] = [];
    let rows = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.billedPage(query, { first: DEVICES_PER_PAGE, after });
      const pageRows = page.devices.flatMap(({ device, identity }) =>
        billingRows(device, identity),
      );
      rows += pageRows.length;
      await write(out, pageRows.map(billingRowLine).join(''));
      for (const { device } of page.devices)
        devices.push({ ...device, counters: device.counters.map(deltaOnly) });
      const last = page.devices.at(-1);
      if (!page.hasNextPage || !last) break;
      after = last.device.deviceId;
    }
    const totals = customerUsageTotals(devices, query.counters ?? DEFAULT_USAGE_COUNTERS);
    await write(out, customerTotalLines(totals));
    out.end();
    return { rows, devices: devices.length };
  }

  /**
   * A page of devices with their identities and the meters billed for each: the query's
   * counters when given; otherwise the device's contract's billed meters (read in one more
   * statement for the page's contracted devices), or the defaults it has.
   */
  private async billedPage(
    query: BillingExportQuery,
    page: { first: number; after: string | null },
  ): Promise<{
    devices: { device: DeviceUsage; identity: BillingIdentity }[];
    hasNextPage: boolean;
  }> {
    const result = await this.usage.page(usageQuery(query), page);
    const identities = await this.identifiers.of(
      result.devices.map((device) => device.deviceId),
      { from: query.from, to: query.to },
    );
    const identityOf = (deviceId: string) => identities.get(deviceId) ?? NO_BILLING_IDENTITY;
    const contracted = query.counters
      ? []
      : result.devices.filter((device) => identityOf(device.deviceId).billedMeters);
    const billed = new Map<string, DeviceUsage>();
    if (contracted.length > 0) {
      const meters = [
        ...new Set(contracted.flatMap((device) => identityOf(device.deviceId).billedMeters!)),
      ];
      const again = await this.usage.page(
        {
          ...usageQuery(query),
          deviceIds: contracted.map((device) => device.deviceId),
          counters: meters,
        },
        { first: contracted.length, after: null },
      );
      for (const device of again.devices) {
        const own = identityOf(device.deviceId).billedMeters!;
        billed.set(device.deviceId, {
          ...device,
          counters: own.flatMap((meter) => device.counters.filter((c) => c.counter === meter)),
        });
      }
    }
    return {
      devices: result.devices.map((device) => ({
        device: billed.get(device.deviceId) ?? device,
        identity: identityOf(device.deviceId),
      })),
      hasNextPage: result.hasNextPage,
    };
  }
}

function usageQuery(query: BillingExportQuery) {
  return {
    customerId: query.customerId,
    siteId: null,
    deviceIds: null,
    from: query.from,
    to: query.to,
    counters: query.counters,
  };
}

/** What the totals need of a counter (keeps 10,000 devices' totals small in memory). */
function deltaOnly(counter: DeviceUsage['counters'][number]): DeviceUsage['counters'][number] {
  return { counter: counter.counter, delta: counter.delta, start: null, end: null, flags: [] };
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (chunk === '') return;
  if (!out.write(chunk)) await once(out, 'drain');
}
