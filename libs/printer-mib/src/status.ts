import { PRINTER_ERRORS } from '@printbeat/domain';
import * as O from './oids.js';
import type { DeviceStatus, PrinterError } from './types.js';
import type { VarBindIndex } from './varbind-index.js';

const PRINTER_STATUS: Record<number, NonNullable<DeviceStatus['printer']>> = {
  1: 'other',
  2: 'unknown',
  3: 'idle',
  4: 'printing',
  5: 'warmup',
};

const DEVICE_STATUS: Record<number, NonNullable<DeviceStatus['device']>> = {
  1: 'unknown',
  2: 'running',
  3: 'warning',
  4: 'testing',
  5: 'down',
};

/** hrPrinterDetectedErrorState bit order (RFC 3805 §2.2.13.4): bit 0 is the MSB of byte 0. */
export const ERROR_BITS: readonly PrinterError[] = PRINTER_ERRORS;

/** Decodes the hrPrinterDetectedErrorState bit string; unknown bits (15+) are ignored. */
export function decodeErrorState(bytes: Uint8Array | null): PrinterError[] {
  if (!bytes) return [];
  const errors: PrinterError[] = [];
  ERROR_BITS.forEach((error, bit) => {
    const byte = bytes[bit >> 3];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) errors.push(error);
  });
  return errors;
}

/** The inverse, for simulators: error names → the OCTET STRING a printer would send (2 bytes). */
export function encodeErrorState(errors: readonly PrinterError[]): Uint8Array {
  const bytes = new Uint8Array(2);
  for (const error of errors) {
    const bit = ERROR_BITS.indexOf(error);
    if (bit >= 0) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  return bytes;
}

export function decodeStatus(index: VarBindIndex, printerRow: string): DeviceStatus {
  const printer = index.number(`${O.HR_PRINTER_STATUS}.${printerRow}`);
  const device = index.number(`${O.HR_DEVICE_STATUS}.${printerRow}`);
  return {
    printer: printer === null ? null : (PRINTER_STATUS[printer] ?? 'other'),
    device: device === null ? null : (DEVICE_STATUS[device] ?? 'unknown'),
    errors: decodeErrorState(index.bytes(`${O.HR_PRINTER_DETECTED_ERROR_STATE}.${printerRow}`)),
  };
}

/** prtConsoleDisplayBufferText lines (non-empty, in order), joined by newlines. */
export function decodeConsole(index: VarBindIndex, fallbackOids: string[]): string | null {
  const lines = [...index.textColumn(O.PRT_CONSOLE_DISPLAY_BUFFER_TEXT).values()].filter(
    (line) => line !== '',
  );
  if (lines.length > 0) return lines.join('\n');
  for (const oid of fallbackOids) {
    const text = index.text(oid);
    if (text) return text;
  }
  return null;
}
