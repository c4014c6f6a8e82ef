import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { DEFAULT_SILENT_DAYS } from './reconciliation.inputs.js';
import type {
  ReconciliationCounts,
  ReconciliationEntry,
  ReconciliationReport,
  ReconciliationSectionName,
} from './reconciliation.model.js';
import {
  ReconciliationRepository,
  type ReconciliationRow,
  type ReconciliationScope,
} from './reconciliation.repository.js';

const DAY_MS = 86_400_000;
/** Serial changes this many days before the billing date are listed (one billing month). */
export const SERIAL_CHANGE_DAYS = 31;

export type ReconciliationQuery = {
  customerId: string | null;
  billingDate: Date;
  silentDays: number;
};

/**
 * The reconciliation report (three statements in one transaction), and the daily check that
 * announces `reconciliation.changed` for each customer whose report's content changed.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @Inject(ReconciliationRepository) private readonly repository: ReconciliationRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
  ) {}

  /** Three statements in one transaction; the device pass serves the first two sections. */
  report(query: ReconciliationQuery): Promise<ReconciliationReport> {
    const scope = scopeOf(query);
    return this.db.run(async (tx) => {
      const devices = await this.repository.contractsAndReadings(tx, scope);
      const serials = await this.repository.serialChanges(tx, scope);
      const review = await this.repository.awaitingReview(tx, scope);
      return reportOf(query, {
        SILENT_UNDER_CONTRACT: devices.filter((row) => row.under_contract),
        REPORTING_WITHOUT_CONTRACT: devices.filter((row) => !row.under_contract),
        SERIAL_CHANGED: serials,
        AWAITING_REVIEW: review,
      });
    });
  }

  /**
   * For every customer of the current tenant: today's report (default silent days) hashed and
   * compared with the stored hash; a changed one is stored and announced (webhook and
   * notification) with its counts. A customer's first check only stores its hash. Returns the
   * customers announced.
   */
  async checkForChanges(now = new Date()): Promise<string[]> {
    const report = await this.report({
      customerId: null,
      billingDate: now,
      silentDays: DEFAULT_SILENT_DAYS,
    });
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const customers = await this.repository.customerIds(tx);
      const stored = new Map(
        (await this.repository.states(tx)).map((state) => [state.customerId, state.hash]),
      );
      const announced: string[] = [];
      for (const { id: customerId } of customers) {
        const own = forCustomer(report, customerId);
        const hash = contentHash(own);
        const before = stored.get(customerId);
        if (before === hash) {
          await this.repository.saveState(tx, {
            tenantId,
            customerId,
            hash,
            counts: { ...own.counts },
            now,
            changed: false,
          });
          continue;
        }
        await this.repository.saveState(tx, {
          tenantId,
          customerId,
          hash,
          counts: { ...own.counts },
          now,
          changed: true,
        });
        if (before === undefined) continue;
        await this.webhooks.emit(tx, {
          type: 'reconciliation.changed',
          data: {
            customerId,
            billingDate: now.toISOString(),
            silentDays: DEFAULT_SILENT_DAYS,
            ...own.counts,
          },
        });
        announced.push(customerId);
      }
      return announced;
    });
  }
}

function scopeOf(query: ReconciliationQuery): ReconciliationScope {
  return {
    customerId: query.customerId,
    billingDate: query.billingDate,
    since: new Date(query.billingDate.getTime() - query.silentDays * DAY_MS),
    serialSince: new Date(query.billingDate.getTime() - SERIAL_CHANGE_DAYS * DAY_MS),
  };
}

function reportOf(
  query: ReconciliationQuery,
  rows: Record<ReconciliationSectionName, ReconciliationRow[]>,
): ReconciliationReport {
  const entries = (section: ReconciliationSectionName) =>
    rows[section].map((row) => toEntry(section, row));
  const silentUnderContract = entries('SILENT_UNDER_CONTRACT');
  const reportingWithoutContract = entries('REPORTING_WITHOUT_CONTRACT');
  const serialChanged = entries('SERIAL_CHANGED');
  const awaitingReview = entries('AWAITING_REVIEW');
  return {
    customerId: query.customerId,
    billingDate: query.billingDate,
    silentDays: query.silentDays,
    counts: countsOf({
      silentUnderContract,
      reportingWithoutContract,
      serialChanged,
      awaitingReview,
    }),
    silentUnderContract,
    reportingWithoutContract,
    serialChanged,
    awaitingReview,
  };
}

type Sections = Pick<
  ReconciliationReport,
  'silentUnderContract' | 'reportingWithoutContract' | 'serialChanged' | 'awaitingReview'
>;

function countsOf(sections: Sections): ReconciliationCounts {
  return {
    silentUnderContract: sections.silentUnderContract.length,
    reportingWithoutContract: sections.reportingWithoutContract.length,
    serialChanged: sections.serialChanged.length,
    awaitingReview: sections.awaitingReview.length,
  };
}

/** One customer's part of a tenant-wide report. */
export function forCustomer(
  report: ReconciliationReport,
  customerId: string,
): ReconciliationReport {
  const own = (entries: ReconciliationEntry[]) =>
    entries.filter((entry) => entry.customerId === customerId);
  const sections: Sections = {
    silentUnderContract: own(report.silentUnderContract),
    reportingWithoutContract: own(report.reportingWithoutContract),
    serialChanged: own(report.serialChanged),
    awaitingReview: own(report.awaitingReview),
  };
  return { ...report, customerId, counts: countsOf(sections), ...sections };
}

/**
 * The report's content as a hash: which findings each section holds (by their stable keys),
 * not the times that move every day (last seen).
 */
export function contentHash(report: ReconciliationReport): string {
  const lines = [
    ...report.silentUnderContract,
    ...report.reportingWithoutContract,
    ...report.serialChanged,
    ...report.awaitingReview,
  ]
    .map((entry) => `${entry.section}\u0000${entry.key}\u0000${entry.detail ?? ''}`)
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function toEntry(section: ReconciliationSectionName, row: ReconciliationRow): ReconciliationEntry {
  return {
    section,
    key: row.key,
    deviceId: row.device_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    serialNumber: row.serial_number,
    manufacturer: row.manufacturer,
    model: row.model,
    displayName: row.display_name,
    equipmentId: row.equipment_id,
    contractReference: row.contract_reference,
    lastReadAt: row.last_read_at,
    lastSeenAt: row.last_seen_at,
    at: row.at,
    detail: row.detail,
  };
}
