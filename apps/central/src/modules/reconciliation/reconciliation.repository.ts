import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';

type Tx = Prisma.TransactionClient;

/** One device row of a section, as the statements return it. */
export type ReconciliationRow = {
  key: string;
  device_id: string;
  customer_id: string;
  customer_name: string;
  serial_number: string | null;
  manufacturer: string | null;
  model: string | null;
  display_name: string | null;
  equipment_id: string | null;
  contract_reference: string | null;
  last_read_at: Date | null;
  last_seen_at: Date | null;
  at: Date | null;
  detail: string | null;
};

export type ReconciliationScope = {
  customerId: string | null;
  billingDate: Date;
  /** billingDate − silentDays: a reading seen since then counts as reporting. */
  since: Date;
  /** Serial changes after this (and at or before the billing date) are listed. */
  serialSince: Date;
};

/**
 * The report's statements, on the caller's tenant transaction (row-level security):
 * devices in service only (neither merged nor retired), ordered by customer and serial.
 */
@Injectable()
export class ReconciliationRepository {
  /**
   * One pass over the devices (the newest read at or before the billing date, and the contract
   * on it): those under a contract with no reading seen in the days before the billing date
   * (`under_contract`), and those with one but under no contract. An estimated read (entered
   * by a person, `meter_read_reviews` ESTIMATED) is no reading of the device.
   */
  contractsAndReadings(
    tx: Tx,
    scope: ReconciliationScope,
  ): Promise<(ReconciliationRow & { under_contract: boolean })[]> {
    return tx.$queryRaw<(ReconciliationRow & { under_contract: boolean })[]>`
      SELECT coalesce(km.id::text, d.id::text) AS key, d.id AS device_id, d.customer_id,
             c.name AS customer_name, d.serial_number, d.manufacturer, d.model, d.display_name,
             d.equipment_id, km.reference AS contract_reference,
             lr.read_at AS last_read_at, least(lr.last_seen_at, ${scope.billingDate}) AS last_seen_at,
             km.attached_at AS at, NULL::text AS detail, km.id IS NOT NULL AS under_contract
      FROM devices d
      JOIN customers c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id
      LEFT JOIN LATERAL (
        SELECT m.id, m.attached_at, k.reference FROM contract_devices m
        JOIN contracts k ON k.tenant_id = m.tenant_id AND k.id = m.contract_id
        WHERE m.tenant_id = d.tenant_id AND m.device_id = d.id
          AND m.attached_at <= ${scope.billingDate}
          AND (m.detached_at IS NULL OR m.detached_at > ${scope.billingDate})
        ORDER BY m.attached_at DESC LIMIT 1
      ) km ON true
      LEFT JOIN LATERAL (
        SELECT r.read_at, r.last_seen_at FROM meter_reads r
        WHERE r.tenant_id = d.tenant_id AND r.device_id = d.id AND r.read_at <= ${scope.billingDate}
          -- A read a person estimated is not the device reporting.
          AND NOT EXISTS (SELECT 1 FROM meter_read_reviews e
                          WHERE e.tenant_id = r.tenant_id AND e.read_id = r.id AND e.reason = 'ESTIMATED')
        ORDER BY r.read_at DESC LIMIT 1
      ) lr ON true
      WHERE (${scope.customerId}::uuid IS NULL OR d.customer_id = ${scope.customerId}::uuid)
        AND d.merged_into_id IS NULL AND d.retired_at IS NULL
        -- An unchanged reading advances last_seen_at: the device was read then.
        AND CASE WHEN km.id IS NOT NULL THEN lr.read_at IS NULL OR lr.last_seen_at < ${scope.since}
                 ELSE lr.last_seen_at >= ${scope.since} END
      ORDER BY c.name, c.id, d.serial_number, d.id`;
  }

  /** Serial number changes recorded by device identity in the window before the billing date. */
  serialChanges(tx: Tx, scope: ReconciliationScope): Promise<ReconciliationRow[]> {
    return tx.$queryRaw<ReconciliationRow[]>`
      SELECT i.id::text AS key, d.id AS device_id, d.customer_id, c.name AS customer_name,
             d.serial_number, d.manufacturer, d.model, d.display_name, d.equipment_id, NULL::text AS contract_reference,
             d.last_meter_read_at AS last_read_at, d.last_seen_at,
             i.changed_at AS at,
             coalesce(i.old_value, '(none)') || ' → ' || coalesce(i.new_value, '(none)') AS detail
      FROM device_identity_changes i
      JOIN devices d ON d.tenant_id = i.tenant_id AND d.id = i.device_id
      JOIN customers c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id
      WHERE i.field = 'serialNumber'
        AND i.changed_at > ${scope.serialSince} AND i.changed_at <= ${scope.billingDate}
        AND (${scope.customerId}::uuid IS NULL OR i.customer_id = ${scope.customerId}::uuid)
        AND d.merged_into_id IS NULL AND d.retired_at IS NULL
      ORDER BY c.name, c.id, d.serial_number, d.id, i.changed_at`;
  }

  /**
   * Meter reads flagged for review and not yet decided (modules/meters' `meter_read_reviews`:
   * counter drops, counter sources that disagree, estimated reads), one entry per read and counter.
   */
  awaitingReview(tx: Tx, scope: ReconciliationScope): Promise<ReconciliationRow[]> {
    return tx.$queryRaw<ReconciliationRow[]>`
      SELECT 'read-review:' || r.id::text AS key, d.id AS device_id, d.customer_id, c.name AS customer_name,
             d.serial_number, d.manufacturer, d.model, d.display_name, d.equipment_id,
             NULL::text AS contract_reference, d.last_meter_read_at AS last_read_at,
             d.last_seen_at, r.detected_at AS at,
             CASE WHEN r.reason = 'DISCONTINUITY' AND x.id IS NOT NULL
                  THEN r.counter || ' went down ' || x.before_value::text || ' → ' || x.after_value::text
                  WHEN r.reason = 'ESTIMATED'
                  THEN r.counter || ' estimated at ' || r.original_value::text || ' by a person'
                       || coalesce(': ' || (r.details ->> 'reason'), '')
                  ELSE 'counter sources disagree on ' || r.counter
             END AS detail
      FROM meter_read_reviews r
      JOIN devices d ON d.tenant_id = r.tenant_id AND d.id = r.device_id
      JOIN customers c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id
      LEFT JOIN meter_discontinuities x ON x.tenant_id = r.tenant_id AND x.id = r.discontinuity_id
      WHERE r.status = 'PENDING'
        AND (${scope.customerId}::uuid IS NULL OR r.customer_id = ${scope.customerId}::uuid)
        AND d.merged_into_id IS NULL AND d.retired_at IS NULL
      ORDER BY c.name, c.id, d.serial_number, d.id, r.detected_at, key`;
  }

  /** The customers of the tenant (for the daily check: every one gets a state). */
  customerIds(tx: Tx): Promise<{ id: string }[]> {
    return tx.customer.findMany({ where: { archivedAt: null }, select: { id: true } });
  }

  states(tx: Tx): Promise<{ customerId: string; hash: string }[]> {
    return tx.reconciliationState.findMany({ select: { customerId: true, hash: true } });
  }

  async saveState(
    tx: Tx,
    data: {
      tenantId: string;
      customerId: string;
      hash: string;
      counts: Prisma.InputJsonValue;
      now: Date;
      changed: boolean;
    },
  ): Promise<void> {
    await tx.reconciliationState.upsert({
      where: { tenantId_customerId: { tenantId: data.tenantId, customerId: data.customerId } },
      create: {
        tenantId: data.tenantId,
        customerId: data.customerId,
        hash: data.hash,
        counts: data.counts,
        checkedAt: data.now,
        changedAt: data.now,
      },
      update: {
        hash: data.hash,
        counts: data.counts,
        checkedAt: data.now,
        ...(data.changed ? { changedAt: data.now } : {}),
      },
    });
  }
}
