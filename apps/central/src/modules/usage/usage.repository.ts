import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';

export type UsageDeviceFilter = {
  tenantId: string;
  customerId: string | null;
  siteId: string | null;
  deviceIds: string[] | null;
};

export type UsageRow = {
  device_id: string;
  customer_id: string;
  site_id: string | null;
  serial_number: string | null;
  manufacturer: string | null;
  model: string | null;
  customer_name: string;
  site_name: string | null;
  counter: string;
  start_at: Date | null;
  start_value: bigint | null;
  start_fallback: boolean;
  end_at: Date | null;
  end_value: bigint | null;
};

export type DiscontinuityRow = {
  device_id: string;
  counter: string;
  status: 'OPEN' | 'ACCEPTED_RESET' | 'REJECTED';
  before_value: bigint;
  after_value: bigint;
  offset: bigint | null;
  after_read_at: Date;
};

export type MissingRow = {
  device_id: string;
  customer_id: string;
  site_id: string | null;
  serial_number: string | null;
  manufacturer: string | null;
  model: string | null;
  last_read_at: Date | null;
  last_seen_at: Date | null;
};

/**
 * Billing SQL. One statement per page: for each device of the page and each counter, the
 * reading at or before `from` (else the first in the period) and at or before `to`, each an
 * index probe on meter_reads (tenant_id, device_id, read_at) via LATERAL … LIMIT 1. Readings a
 * reviewer rejected for that counter are skipped. Row-level security applies on top.
 */
@Injectable()
export class UsageRepository {
  endpoints(
    tx: Prisma.TransactionClient,
    filter: UsageDeviceFilter,
    page: { after: string | null; take: number },
    period: { from: Date; to: Date },
    counters: string[],
  ): Promise<UsageRow[]> {
    const { tenantId, customerId, siteId, deviceIds } = filter;
    return tx.$queryRaw<UsageRow[]>`
      WITH devs AS (
        SELECT d.id, d.customer_id, d.site_id, d.serial_number, d.manufacturer, d.model, d.tenant_id
        FROM devices d
        WHERE d.tenant_id = ${tenantId}::uuid
          AND d.merged_into_id IS NULL
          AND (${customerId}::uuid IS NULL OR d.customer_id = ${customerId}::uuid)
          AND (${siteId}::uuid IS NULL OR d.site_id = ${siteId}::uuid)
          AND (${deviceIds}::uuid[] IS NULL OR d.id = ANY(${deviceIds}::uuid[]))
          AND (${page.after}::uuid IS NULL OR d.id > ${page.after}::uuid)
        ORDER BY d.id
        LIMIT ${page.take}
      )
      SELECT devs.id AS device_id, devs.customer_id, devs.site_id, devs.serial_number, devs.manufacturer, devs.model,
             cu.name AS customer_name, si.name AS site_name, c.counter,
             coalesce(s.read_at, f.read_at) AS start_at, coalesce(s.value, f.value) AS start_value,
             (s.read_at IS NULL AND f.read_at IS NOT NULL) AS start_fallback,
             e.read_at AS end_at, e.value AS end_value
      FROM devs
      JOIN customers cu ON cu.tenant_id = devs.tenant_id AND cu.id = devs.customer_id
      LEFT JOIN sites si ON si.tenant_id = devs.tenant_id AND si.id = devs.site_id
      CROSS JOIN unnest(${counters}::text[]) AS c(counter)
      LEFT JOIN LATERAL (
        SELECT m.read_at, (m.counters ->> c.counter)::bigint AS value
        FROM meter_reads m
        WHERE m.tenant_id = devs.tenant_id AND m.device_id = devs.id AND m.read_at <= ${period.from}
          AND m.counters ? c.counter
          AND NOT EXISTS (SELECT 1 FROM meter_discontinuities x
                          WHERE x.tenant_id = m.tenant_id AND x.after_read_id = m.id AND x.counter = c.counter AND x.status = 'REJECTED')
        ORDER BY m.read_at DESC LIMIT 1
      ) s ON true
      LEFT JOIN LATERAL (
        SELECT m.read_at, (m.counters ->> c.counter)::bigint AS value
        FROM meter_reads m
        WHERE s.read_at IS NULL
          AND m.tenant_id = devs.tenant_id AND m.device_id = devs.id AND m.read_at > ${period.from} AND m.read_at <= ${period.to}
          AND m.counters ? c.counter
          AND NOT EXISTS (SELECT 1 FROM meter_discontinuities x
                          WHERE x.tenant_id = m.tenant_id AND x.after_read_id = m.id AND x.counter = c.counter AND x.status = 'REJECTED')
        ORDER BY m.read_at ASC LIMIT 1
      ) f ON true
      LEFT JOIN LATERAL (
        SELECT m.read_at, (m.counters ->> c.counter)::bigint AS value
        FROM meter_reads m
        WHERE m.tenant_id = devs.tenant_id AND m.device_id = devs.id AND m.read_at <= ${period.to}
          AND m.counters ? c.counter
          AND NOT EXISTS (SELECT 1 FROM meter_discontinuities x
                          WHERE x.tenant_id = m.tenant_id AND x.after_read_id = m.id AND x.counter = c.counter AND x.status = 'REJECTED')
        ORDER BY m.read_at DESC LIMIT 1
      ) e ON true
      ORDER BY devs.id, c.counter`;
  }

  discontinuities(tx: Prisma.TransactionClient, tenantId: string, deviceIds: string[], counters: string[], to: Date): Promise<DiscontinuityRow[]> {
    if (deviceIds.length === 0) return Promise.resolve([]);
    return tx.$queryRaw<DiscontinuityRow[]>`
      SELECT x.device_id, x.counter, x.status::text AS status, x.before_value, x.after_value, x."offset", a.read_at AS after_read_at
      FROM meter_discontinuities x
      JOIN meter_reads a ON a.tenant_id = x.tenant_id AND a.id = x.after_read_id
      WHERE x.tenant_id = ${tenantId}::uuid AND x.device_id = ANY(${deviceIds}::uuid[]) AND x.counter = ANY(${counters}::text[])
        AND a.read_at <= ${to}`;
  }

  /** Devices (seen by the billing date) whose last reading before it is older than `since`. */
  missing(
    tx: Prisma.TransactionClient,
    filter: { tenantId: string; customerId: string | null },
    billingDate: Date,
    since: Date,
    page: { after: string | null; take: number },
  ): Promise<MissingRow[]> {
    return tx.$queryRaw<MissingRow[]>`
      SELECT d.id AS device_id, d.customer_id, d.site_id, d.serial_number, d.manufacturer, d.model,
             lr.read_at AS last_read_at, least(lr.last_seen_at, ${billingDate}) AS last_seen_at
      FROM devices d
      LEFT JOIN LATERAL (
        SELECT m.read_at, m.last_seen_at FROM meter_reads m
        WHERE m.tenant_id = d.tenant_id AND m.device_id = d.id AND m.read_at <= ${billingDate}
        ORDER BY m.read_at DESC LIMIT 1
      ) lr ON true
      WHERE d.tenant_id = ${filter.tenantId}::uuid AND d.merged_into_id IS NULL AND d.first_seen_at <= ${billingDate}
        AND (${filter.customerId}::uuid IS NULL OR d.customer_id = ${filter.customerId}::uuid)
        AND (${page.after}::uuid IS NULL OR d.id > ${page.after}::uuid)
        -- An unchanged reading advances last_seen_at: the device was read then.
        AND (lr.read_at IS NULL OR lr.last_seen_at < ${since})
      ORDER BY d.id
      LIMIT ${page.take}`;
  }
}
