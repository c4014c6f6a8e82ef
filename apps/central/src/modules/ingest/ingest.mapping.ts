import type { AlertReading, PrinterError, ReadingCounters, SupplyReading } from '@printbeat/payload';

/** Counters as stored in meter_reads.counters: canonical names, vendor extras under `vendor:`. */
export function toCounterJson(counters: ReadingCounters): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    if (name !== 'extra' && typeof value === 'number') out[name] = value;
  }
  for (const [name, value] of Object.entries(counters.extra ?? {})) out[`vendor:${name}`] = value;
  return out;
}

export function sameCounters(a: unknown, b: Record<string, number>): boolean {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return false;
  const left = a as Record<string, unknown>;
  const keys = Object.keys(b);
  return Object.keys(left).length === keys.length && keys.every((key) => left[key] === b[key]);
}

/** Stable per device: the Printer-MIB index plus the description (an index alone is reused across models). */
export function supplyKey(supply: SupplyReading): string {
  return `${supply.index}|${supply.description}`;
}

export function supplyState(supply: SupplyReading): string {
  switch (supply.state) {
    case 'ok':
      return 'OK';
    case 'someRemaining':
      return 'SOME_REMAINING';
    case 'unknown':
      return 'UNKNOWN';
    case 'other':
      return 'OTHER';
  }
}

export type AlertSeverityName = 'INFO' | 'WARNING' | 'CRITICAL';
export type DesiredAlert = { code: string; severity: AlertSeverityName; source: 'DEVICE_STATUS' | 'ALERT_TABLE'; message: string | null; details: Record<string, string> | null };

const STATUS_ALERTS: Record<PrinterError, { code: string; severity: AlertSeverityName }> = {
  lowPaper: { code: 'PAPER_LOW', severity: 'INFO' },
  noPaper: { code: 'PAPER_OUT', severity: 'WARNING' },
  lowToner: { code: 'TONER_LOW', severity: 'INFO' },
  noToner: { code: 'TONER_EMPTY', severity: 'CRITICAL' },
  doorOpen: { code: 'DOOR_OPEN', severity: 'WARNING' },
  jammed: { code: 'JAM', severity: 'CRITICAL' },
  offline: { code: 'OFFLINE', severity: 'CRITICAL' },
  serviceRequested: { code: 'SERVICE_REQUESTED', severity: 'CRITICAL' },
  inputTrayMissing: { code: 'INPUT_TRAY_MISSING', severity: 'WARNING' },
  outputTrayMissing: { code: 'OUTPUT_TRAY_MISSING', severity: 'WARNING' },
  markerSupplyMissing: { code: 'SUPPLY_MISSING', severity: 'CRITICAL' },
  outputNearFull: { code: 'OUTPUT_NEAR_FULL', severity: 'INFO' },
  outputFull: { code: 'OUTPUT_FULL', severity: 'WARNING' },
  inputTrayEmpty: { code: 'INPUT_TRAY_EMPTY', severity: 'WARNING' },
  overduePreventiveMaintenance: { code: 'MAINTENANCE_OVERDUE', severity: 'WARNING' },
};

/** The alerts a reading says are open now: one per status error bit and per alert-table code. */
export function desiredAlerts(errors: readonly PrinterError[], table: readonly AlertReading[]): DesiredAlert[] {
  const out = new Map<string, DesiredAlert>();
  for (const error of errors) {
    const alert = STATUS_ALERTS[error];
    out.set(alert.code, { ...alert, source: 'DEVICE_STATUS', message: null, details: { bit: error } });
  }
  for (const entry of table) {
    const code = `PRT_${snake(entry.group)}_${snake(entry.code)}`;
    if (out.has(code)) continue;
    const severity: AlertSeverityName = entry.severity === 'critical' ? 'CRITICAL' : entry.severity === 'warning' ? 'WARNING' : 'INFO';
    out.set(code, { code, severity, source: 'ALERT_TABLE', message: entry.description || null, details: { index: entry.index, group: entry.group, code: entry.code } });
  }
  return [...out.values()];
}

function snake(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase() || 'OTHER';
}
