import type { CustomerUsageTotal } from '@printbeat/domain';
import type { BillingIdentity } from './billing-identifiers.js';
import type { BillingExportRow } from './billing-export.model.js';
import type { DeviceUsage } from './usage.model.js';

/** The columns of the billing export CSV, in order (documented in the usage README). */
export const BILLING_CSV_HEADER = [
  'row_type',
  'customer_id',
  'customer_name',
  'contract_reference',
  'equipment_id',
  'device_id',
  'serial_number',
  'manufacturer',
  'model',
  'site',
  'meter',
  'start_read_at',
  'start_value',
  'end_read_at',
  'end_value',
  'delta',
  'flags',
  'device_count',
  'incomplete_devices',
] as const;

export const UTF8_BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180). Text from printers and people is untrusted: a leading = + - @
 * (or tab/CR) would be a formula in a spreadsheet, so such text gets a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The file's start: the optional UTF-8 byte order mark, then the header line. */
export function billingCsvStart(options: { bom: boolean }): string {
  return `${options.bom ? UTF8_BOM : ''}${csvLine(BILLING_CSV_HEADER)}`;
}

/** The export's rows of one device: one per billed meter. The GraphQL rows are these. */
export function billingRows(
  device: DeviceUsage,
  identity: Pick<BillingIdentity, 'contractReference' | 'equipmentId'>,
): BillingExportRow[] {
  return device.counters.map((counter) => ({
    customerId: device.customerId,
    customerName: device.customerName,
    contractReference: identity.contractReference,
    equipmentId: identity.equipmentId,
    deviceId: device.deviceId,
    serialNumber: device.serialNumber,
    manufacturer: device.manufacturer,
    model: device.model,
    siteName: device.siteName,
    meter: counter.counter,
    start: counter.start,
    end: counter.end,
    delta: counter.delta,
    flags: counter.flags,
  }));
}

export function billingRowLine(row: BillingExportRow): string {
  return csvLine([
    'DEVICE',
    row.customerId,
    row.customerName,
    row.contractReference,
    row.equipmentId,
    row.deviceId,
    row.serialNumber,
    row.manufacturer,
    row.model,
    row.siteName,
    row.meter,
    row.start?.readAt.toISOString() ?? null,
    row.start?.value ?? null,
    row.end?.readAt.toISOString() ?? null,
    row.end?.value ?? null,
    row.delta,
    row.flags.join(' '),
    null,
    null,
  ]);
}

/** Per customer and meter: the sum of the known deltas, after every device row. */
export function customerTotalLines(totals: readonly CustomerUsageTotal[]): string {
  return totals
    .flatMap((customer) =>
      customer.counters.map((counter) =>
        csvLine([
          'CUSTOMER_TOTAL',
          customer.customerId,
          customer.customerName,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          counter.counter,
          null,
          null,
          null,
          null,
          counter.pages,
          counter.incompleteDevices > 0 ? 'INCOMPLETE' : '',
          counter.devices,
          counter.incompleteDevices,
        ]),
      ),
    )
    .join('');
}
