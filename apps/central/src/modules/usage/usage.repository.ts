import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { correctedValueSql, hasReviewedReadsSql, notBillableSql } from '../meters/billable-read.js';

export type UsageDeviceFilter = {
  tenantId: string;
  customerId: string | null;
  siteId: string | null;
  deviceIds: string[] | null;
};

/** One counter of one device at both ends of the period, as the SQL builds it (JSON). */
export type CounterEnds = {
  counter: string;
  /** ISO timestamps. */
  startAt: string | null;
  startValue: number | null;
  startFallback: boolean;
  /** The value is a reviewer's correction of the read. */
  startCorrected: boolean;
  endAt: string | null;
  endValue: number | null;
  endCorrected: boolean;
  /** The device reports this counter in its first reading after the period (none up to its end). */
  reported: boolean;
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
  counters: CounterEnds[];
};

export type DiscontinuityRow = {
  device_id: string;
  counter: string;
  status: 'OPEN' | 'ACCEPTED_RESET' | 'REJECTED' | 'CORRECTED';
  before_value: bigint;
  after_value: bigint;
  offset: bigint | null;
  after_read_at: Date;
};

export type ReviewedReadRow = {
  device_id: string;
  counter: string;
  status: 'PENDING' | 'APPROVED' | 'CORRECTED' | 'EXCLUDED';
  read_at: Date;
  drop: boolean;
  estimated: boolean;
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
 * Billing SQL. One statement per page: per device, the newest reading at or before `from` and
 * at or before `to` (two index probes on meter_reads (tenant_id, device_id, read_at)); per
 * counter, that reading is used unless it lacks the counter or is not billable for it
 * (`meters/billable-read.ts`: excluded, rejected or waiting for review) — only then does a
 * per-counter probe look further back (or, for the start, for the first reading in the
 * period). A corrected read gives its corrected value. Row-level security applies on top.
 */
@Injectable()
export class UsageRepository {
  constructor(@Inject(TenantPrisma) private readonly tenantPrisma: TenantPrisma) {}

  async endpoints(
    tx: Prisma.TransactionClient,
    filter: UsageDeviceFilter,
    page: { after: string | null; take: number },
    period: { from: Date; to: Date },
    counters: string[],
  ): Promise<UsageRow[]> {
    const { tenantId, customerId, siteId, deviceIds } = filter;
    // Plain SQL on the transaction's connection: a page is up to 1,000 rows of JSON.
    return this.tenantPrisma.query<UsageRow>(
      tx,
      `WITH devs AS (
        SELECT d.id, d.customer_id, d.site_id, d.serial_number, d.manufacturer, d.model, d.tenant_id
        FROM devices d
        WHERE d.tenant_id = $1::uuid
          AND d.merged_into_id IS NULL
          AND ($2::uuid IS NULL OR d.customer_id = $2::uuid)
          AND ($3::uuid IS NULL OR d.site_id = $3::uuid)
          AND ($4::uuid[] IS NULL OR d.id = ANY($4::uuid[]))
          AND ($5::uuid IS NULL OR d.id > $5::uuid)
        ORDER BY d.id
        LIMIT $6
      ), base AS (
        SELECT devs.*, n0.counters AS n_counters, s0.id AS s_id, s0.read_at AS s_at, s0.counters AS s_counters,
               e0.id AS e_id, e0.read_at AS e_at, e0.counters AS e_counters,
               -- Reviewed reads are rare: only devices that have one pay per-counter checks.
               ${hasReviewedReadsSql('devs.tenant_id', 'devs.id')} AS has_review
        FROM devs
        LEFT JOIN LATERAL (
          SELECT m.id, m.read_at, m.counters FROM meter_reads m
          WHERE m.tenant_id = devs.tenant_id AND m.device_id = devs.id AND m.read_at <= $7
          ORDER BY m.read_at DESC LIMIT 1
        ) s0 ON true
        LEFT JOIN LATERAL (
          SELECT m.id, m.read_at, m.counters FROM meter_reads m
          WHERE m.tenant_id = devs.tenant_id AND m.device_id = devs.id AND m.read_at <= $8
          ORDER BY m.read_at DESC LIMIT 1
        ) e0 ON true
        -- Only for a device with no reading up to the period's end: which counters it reports later.
        LEFT JOIN LATERAL (
          SELECT m.counters FROM meter_reads m
          WHERE e0.id IS NULL
            AND m.tenant_id = devs.tenant_id AND m.device_id = devs.id AND m.read_at > $8
          ORDER BY m.read_at ASC LIMIT 1
        ) n0 ON true
      )
      SELECT base.id AS device_id, base.customer_id, base.site_id, base.serial_number, base.manufacturer, base.model,
             cu.name AS customer_name, si.name AS site_name,
             -- One row per device (not per counter): a third of the rows to ship and decode.
             json_agg(json_build_object(
               'counter', c.counter,
               'startAt', CASE WHEN ok.s_ok THEN base.s_at ELSE coalesce(s.read_at, f.read_at) END,
               'startValue', CASE WHEN ok.s_ok THEN coalesce(ok.s_fix, (base.s_counters ->> c.counter)::bigint) ELSE coalesce(s.value, f.value) END,
               'startFallback', (NOT ok.s_ok AND s.read_at IS NULL AND f.read_at IS NOT NULL),
               'startCorrected', CASE WHEN ok.s_ok THEN ok.s_fix IS NOT NULL ELSE coalesce(s.corrected, f.corrected, false) END,
               'endAt', CASE WHEN ok.e_ok THEN base.e_at ELSE e.read_at END,
               'endValue', CASE WHEN ok.e_ok THEN coalesce(ok.e_fix, (base.e_counters ->> c.counter)::bigint) ELSE e.value END,
               'endCorrected', CASE WHEN ok.e_ok THEN ok.e_fix IS NOT NULL ELSE coalesce(e.corrected, false) END,
               'reported', coalesce(base.n_counters ? c.counter, false)
             ) ORDER BY c.counter) AS counters
      FROM base
      JOIN customers cu ON cu.tenant_id = base.tenant_id AND cu.id = base.customer_id
      LEFT JOIN sites si ON si.tenant_id = base.tenant_id AND si.id = base.site_id
      CROSS JOIN unnest($9::text[]) AS c(counter)
      CROSS JOIN LATERAL (
        SELECT coalesce(base.s_counters ? c.counter AND (NOT base.has_review OR NOT ${notBillableSql('base.tenant_id', 'base.s_id', 'c.counter')}), false) AS s_ok,
               coalesce(base.e_counters ? c.counter AND (NOT base.has_review OR NOT ${notBillableSql('base.tenant_id', 'base.e_id', 'c.counter')}), false) AS e_ok,
               CASE WHEN base.has_review THEN ${correctedValueSql('base.tenant_id', 'base.s_id', 'c.counter')} END AS s_fix,
               CASE WHEN base.has_review THEN ${correctedValueSql('base.tenant_id', 'base.e_id', 'c.counter')} END AS e_fix
        -- OFFSET 0: computed once per row; pulled up, both tests were re-evaluated in every lateral below.
        OFFSET 0
      ) ok
      -- The rare paths below run only when the newest reading cannot serve (one-time filters).
      LEFT JOIN LATERAL (
        SELECT m.read_at, coalesce(fix.value, (m.counters ->> c.counter)::bigint) AS value, fix.value IS NOT NULL AS corrected
        FROM meter_reads m
        LEFT JOIN LATERAL (SELECT ${correctedValueSql('m.tenant_id', 'm.id', 'c.counter')} AS value) fix ON true
        WHERE NOT ok.s_ok AND base.s_id IS NOT NULL
          AND m.tenant_id = base.tenant_id AND m.device_id = base.id AND m.read_at <= $7
          AND m.counters ? c.counter
          AND NOT ${notBillableSql('m.tenant_id', 'm.id', 'c.counter')}
        ORDER BY m.read_at DESC LIMIT 1
      ) s ON true
      LEFT JOIN LATERAL (
        SELECT m.read_at, coalesce(fix.value, (m.counters ->> c.counter)::bigint) AS value, fix.value IS NOT NULL AS corrected
        FROM meter_reads m
        LEFT JOIN LATERAL (SELECT ${correctedValueSql('m.tenant_id', 'm.id', 'c.counter')} AS value) fix ON true
        WHERE NOT ok.s_ok AND s.read_at IS NULL
          AND m.tenant_id = base.tenant_id AND m.device_id = base.id AND m.read_at > $7 AND m.read_at <= $8
          AND m.counters ? c.counter
          AND NOT ${notBillableSql('m.tenant_id', 'm.id', 'c.counter')}
        ORDER BY m.read_at ASC LIMIT 1
      ) f ON true
      LEFT JOIN LATERAL (
        SELECT m.read_at, coalesce(fix.value, (m.counters ->> c.counter)::bigint) AS value, fix.value IS NOT NULL AS corrected
        FROM meter_reads m
        LEFT JOIN LATERAL (SELECT ${correctedValueSql('m.tenant_id', 'm.id', 'c.counter')} AS value) fix ON true
        WHERE NOT ok.e_ok AND base.e_id IS NOT NULL
          AND m.tenant_id = base.tenant_id AND m.device_id = base.id AND m.read_at <= $8
          AND m.counters ? c.counter
          AND NOT ${notBillableSql('m.tenant_id', 'm.id', 'c.counter')}
        ORDER BY m.read_at DESC LIMIT 1
      ) e ON true
      GROUP BY base.id, base.customer_id, base.site_id, base.serial_number, base.manufacturer, base.model, cu.name, si.name
      ORDER BY base.id`,
      [
        tenantId,
        customerId,
        siteId,
        deviceIds,
        page.after,
        page.take,
        period.from,
        period.to,
        counters,
      ],
    );
  }

  discontinuities(
    tx: Prisma.TransactionClient,
    tenantId: string,
    deviceIds: string[],
    counters: string[],
    to: Date,
  ): Promise<DiscontinuityRow[]> {
    if (deviceIds.length === 0) return Promise.resolve([]);
    return tx.$queryRaw<DiscontinuityRow[]>`
      SELECT x.device_id, x.counter, x.status::text AS status, x.before_value, x.after_value, x."offset", a.read_at AS after_read_at
      FROM meter_discontinuities x
      JOIN meter_reads a ON a.tenant_id = x.tenant_id AND a.id = x.after_read_id
      WHERE x.tenant_id = ${tenantId}::uuid AND x.device_id = ANY(${deviceIds}::uuid[]) AND x.counter = ANY(${counters}::text[])
        AND a.read_at <= ${to}`;
  }

  /** Reviewed (or waiting) flagged reads of these devices' counters up to `to` (`ReviewedRead`). */
  reviewedReads(
    tx: Prisma.TransactionClient,
    tenantId: string,
    deviceIds: string[],
    counters: string[],
    to: Date,
  ): Promise<ReviewedReadRow[]> {
    if (deviceIds.length === 0) return Promise.resolve([]);
    return tx.$queryRaw<ReviewedReadRow[]>`
      SELECT v.device_id, v.counter, v.status::text AS status, m.read_at, v.reason = 'DISCONTINUITY' AS drop,
             v.reason = 'ESTIMATED' AS estimated
      FROM meter_read_reviews v
      JOIN meter_reads m ON m.tenant_id = v.tenant_id AND m.id = v.read_id
      WHERE v.tenant_id = ${tenantId}::uuid AND v.device_id = ANY(${deviceIds}::uuid[]) AND v.counter = ANY(${counters}::text[])
        AND m.read_at <= ${to}
        AND NOT (v.status = 'PENDING' AND v.reason = 'DISCONTINUITY')`;
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

  /** The first and newest meter reading of the devices in scope (null when there is none). */
  async readSpan(
    tx: Prisma.TransactionClient,
    filter: UsageDeviceFilter,
  ): Promise<{ first: Date | null; last: Date | null }> {
    const rows = await this.tenantPrisma.query<{ first: Date | null; last: Date | null }>(
      tx,
      `SELECT min(m.read_at) AS first, max(m.last_seen_at) AS last
       FROM devices d JOIN meter_reads m ON m.tenant_id = d.tenant_id AND m.device_id = d.id
       WHERE d.tenant_id = $1::uuid AND d.merged_into_id IS NULL
         AND ($2::uuid IS NULL OR d.customer_id = $2::uuid)
         AND ($3::uuid IS NULL OR d.site_id = $3::uuid)
         AND ($4::uuid[] IS NULL OR d.id = ANY($4::uuid[]))`,
      [filter.tenantId, filter.customerId, filter.siteId, filter.deviceIds],
    );
    return { first: rows[0]?.first ?? null, last: rows[0]?.last ?? null };
  }
}
