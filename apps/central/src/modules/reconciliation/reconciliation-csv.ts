import { csvLine, UTF8_BOM } from '../usage/billing-csv.js';
import type { ReconciliationEntry, ReconciliationReport } from './reconciliation.model.js';

/** The columns of the reconciliation CSV, in order (documented in the README). */
export const RECONCILIATION_CSV_HEADER = [
  'section',
  'customer_id',
  'customer_name',
  'device_id',
  'serial_number',
  'manufacturer',
  'model',
  'display_name',
  'equipment_id',
  'contract_reference',
  'last_read_at',
  'last_seen_at',
  'at',
  'detail',
] as const;

const iso = (value: Date | null) => value?.toISOString() ?? null;

function entryLine(entry: ReconciliationEntry): string {
  return csvLine([
    entry.section,
    entry.customerId,
    entry.customerName,
    entry.deviceId,
    entry.serialNumber,
    entry.manufacturer,
    entry.model,
    entry.displayName,
    entry.equipmentId,
    entry.contractReference,
    iso(entry.lastReadAt),
    iso(entry.lastSeenAt),
    iso(entry.at),
    entry.detail,
  ]);
}

/** The whole report as CSV, section after section (the billing export's CSV rules). */
export function reconciliationCsv(report: ReconciliationReport, options: { bom: boolean }): string {
  return [
    options.bom ? UTF8_BOM : '',
    csvLine(RECONCILIATION_CSV_HEADER),
    ...report.silentUnderContract.map(entryLine),
    ...report.reportingWithoutContract.map(entryLine),
    ...report.serialChanged.map(entryLine),
    ...report.awaitingReview.map(entryLine),
  ].join('');
}
