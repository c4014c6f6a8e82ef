import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { customerUsageTotals, type CustomerUsageTotal } from '@printbeat/domain';
import { BillingIdentifiers } from './billing-identifiers.js';
import { billingCsvStart, billingRowLine, billingRows, customerTotalLines } from './billing-csv.js';
import type { BillingExportRow } from './billing-export.model.js';
import type { DeviceUsage } from './usage.model.js';
import { DEFAULT_USAGE_COUNTERS, UsageService } from './usage.service.js';

const DEVICES_PER_PAGE = 500;

export type BillingExportQuery = {
  customerId: string | null;
  from: Date;
  to: Date;
  /** The billed meters; null: total, mono and color (those the device has). */
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
    const result = await this.usage.page(usageQuery(query), page);
    return {
      rows: await this.rowsOf(result.devices),
      hasNextPage: result.hasNextPage,
      endCursor: result.devices.at(-1)?.deviceId ?? null,
    };
  }

  customerTotals(query: BillingExportQuery): Promise<CustomerUsageTotal[]> {
    return this.usage.customerTotals(usageQuery(query));
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
      const page = await this.usage.page(usageQuery(query), { first: DEVICES_PER_PAGE, after });
      const pageRows = await this.rowsOf(page.devices);
      rows += pageRows.length;
      await write(out, pageRows.map(billingRowLine).join(''));
      for (const device of page.devices)
        devices.push({ ...device, counters: device.counters.map(deltaOnly) });
      const last = page.devices.at(-1);
      if (!page.hasNextPage || !last) break;
      after = last.deviceId;
    }
    const totals = customerUsageTotals(devices, query.counters ?? DEFAULT_USAGE_COUNTERS);
    await write(out, customerTotalLines(totals));
    out.end();
    return { rows, devices: devices.length };
  }

  private async rowsOf(devices: readonly DeviceUsage[]): Promise<BillingExportRow[]> {
    const identities = await this.identifiers.of(devices.map((device) => device.deviceId));
    return devices.flatMap((device) =>
      billingRows(
        device,
        identities.get(device.deviceId) ?? { contractReference: null, equipmentId: null },
      ),
    );
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
