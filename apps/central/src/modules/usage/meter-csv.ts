import type { DeviceUsage } from './usage.model.js';

export const METER_CSV_HEADER = [
  'device_id',
  'serial_number',
  'manufacturer',
  'model',
  'customer',
  'site',
  'counter',
  'start_value',
  'start_read_at',
  'end_value',
  'end_read_at',
  'usage',
  'flags',
];

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

/** One line per device and counter. */
export function deviceUsageLines(device: DeviceUsage): string {
  return device.counters
    .map((counter) =>
      csvLine([
        device.deviceId,
        device.serialNumber,
        device.manufacturer,
        device.model,
        device.customerName,
        device.siteName,
        counter.counter,
        counter.start?.value ?? null,
        counter.start?.readAt.toISOString() ?? null,
        counter.end?.value ?? null,
        counter.end?.readAt.toISOString() ?? null,
        counter.delta,
        counter.flags.join(' '),
      ]),
    )
    .join('');
}
