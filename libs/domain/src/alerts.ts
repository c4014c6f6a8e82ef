/**
 * Which alerts a device has open, from its detected error bits (hrPrinterDetectedErrorState)
 * and its Printer-MIB alert table, and which subjects have gone silent. Pure: no I/O.
 */

export type AlertSeverityLevel = 'INFO' | 'WARNING' | 'CRITICAL';
export type AlertSource = 'DEVICE_STATUS' | 'ALERT_TABLE' | 'SILENCE_MONITOR';

export type DesiredAlert = {
  /** Stable code; one open alert per device and code. */
  code: string;
  severity: AlertSeverityLevel;
  source: AlertSource;
  message: string;
};

/** hrPrinterDetectedErrorState bit names (as decoded by printer-mib) → alert. */
const STATUS_ALERTS: Readonly<Record<string, Omit<DesiredAlert, 'source'>>> = {
  jammed: { code: 'JAM', severity: 'CRITICAL', message: 'Paper jam' },
  noPaper: { code: 'PAPER_OUT', severity: 'CRITICAL', message: 'Out of paper' },
  lowPaper: { code: 'PAPER_LOW', severity: 'WARNING', message: 'Paper low' },
  noToner: { code: 'TONER_EMPTY', severity: 'CRITICAL', message: 'Toner empty' },
  lowToner: { code: 'TONER_LOW', severity: 'WARNING', message: 'Toner low' },
  doorOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL', message: 'Door or cover open' },
  serviceRequested: {
    code: 'SERVICE_REQUESTED',
    severity: 'CRITICAL',
    message: 'Service requested',
  },
  offline: { code: 'OFFLINE', severity: 'WARNING', message: 'Printer offline' },
  inputTrayMissing: {
    code: 'INPUT_TRAY_MISSING',
    severity: 'WARNING',
    message: 'Input tray missing',
  },
  outputTrayMissing: {
    code: 'OUTPUT_TRAY_MISSING',
    severity: 'WARNING',
    message: 'Output tray missing',
  },
  markerSupplyMissing: { code: 'SUPPLY_MISSING', severity: 'CRITICAL', message: 'Supply missing' },
  outputNearFull: {
    code: 'OUTPUT_NEAR_FULL',
    severity: 'INFO',
    message: 'Output tray almost full',
  },
  outputFull: { code: 'OUTPUT_FULL', severity: 'WARNING', message: 'Output tray full' },
  inputTrayEmpty: { code: 'INPUT_TRAY_EMPTY', severity: 'WARNING', message: 'Input tray empty' },
  overduePreventiveMaintenance: {
    code: 'MAINTENANCE_OVERDUE',
    severity: 'WARNING',
    message: 'Preventive maintenance overdue',
  },
};

/** prtAlertCode names (RFC 3805 PrtAlertCodeTC) that mean the same as a status bit or deserve their own code. */
const TABLE_CODES: Readonly<Record<string, { code: string; severity: AlertSeverityLevel }>> = {
  jam: { code: 'JAM', severity: 'CRITICAL' },
  coverOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL' },
  doorOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL' },
  interlockOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL' },
  inputMediaSupplyEmpty: { code: 'PAPER_OUT', severity: 'CRITICAL' },
  inputMediaSupplyLow: { code: 'PAPER_LOW', severity: 'WARNING' },
  inputMediaTrayMissing: { code: 'INPUT_TRAY_MISSING', severity: 'WARNING' },
  outputMediaTrayMissing: { code: 'OUTPUT_TRAY_MISSING', severity: 'WARNING' },
  outputMediaTrayAlmostFull: { code: 'OUTPUT_NEAR_FULL', severity: 'INFO' },
  outputMediaTrayFull: { code: 'OUTPUT_FULL', severity: 'WARNING' },
  markerTonerEmpty: { code: 'TONER_EMPTY', severity: 'CRITICAL' },
  markerInkEmpty: { code: 'TONER_EMPTY', severity: 'CRITICAL' },
  markerTonerAlmostEmpty: { code: 'TONER_LOW', severity: 'WARNING' },
  markerInkAlmostEmpty: { code: 'TONER_LOW', severity: 'WARNING' },
  markerTonerCartridgeMissing: { code: 'SUPPLY_MISSING', severity: 'CRITICAL' },
  markerWasteTonerReceptacleAlmostFull: { code: 'WASTE_ALMOST_FULL', severity: 'WARNING' },
  markerWasteInkReceptacleAlmostFull: { code: 'WASTE_ALMOST_FULL', severity: 'WARNING' },
  markerWasteTonerReceptacleFull: { code: 'WASTE_FULL', severity: 'CRITICAL' },
  markerWasteInkReceptacleFull: { code: 'WASTE_FULL', severity: 'CRITICAL' },
  markerOpcLifeAlmostOver: { code: 'DRUM_NEAR_END', severity: 'WARNING' },
  markerOpcLifeOver: { code: 'DRUM_END', severity: 'CRITICAL' },
  markerDeveloperAlmostEmpty: { code: 'DEVELOPER_LOW', severity: 'WARNING' },
  markerDeveloperEmpty: { code: 'DEVELOPER_EMPTY', severity: 'CRITICAL' },
  subunitLifeAlmostOver: { code: 'PART_NEAR_END', severity: 'WARNING' },
  subunitLifeOver: { code: 'PART_END', severity: 'CRITICAL' },
  subunitUnrecoverableFailure: { code: 'SERVICE_REQUESTED', severity: 'CRITICAL' },
  subunitMotorFailure: { code: 'SERVICE_REQUESTED', severity: 'CRITICAL' },
  markerFuserUnderTemperature: { code: 'FUSER_FAILURE', severity: 'CRITICAL' },
  markerFuserOverTemperature: { code: 'FUSER_FAILURE', severity: 'CRITICAL' },
  markerFuserTimingFailure: { code: 'FUSER_FAILURE', severity: 'CRITICAL' },
  markerFuserThermistorFailure: { code: 'FUSER_FAILURE', severity: 'CRITICAL' },
};

/**
 * Transient events in the alert table (power up, configuration change, tray inserted…)
 * describe something that happened, not a condition: they open nothing.
 */
const EVENT_CODES = new Set([
  'coverClosed',
  'doorClosed',
  'interlockClosed',
  'configurationChange',
  'subunitClosed',
  'subunitTurnedOn',
  'subunitTurnedOff',
  'subunitPowerSaver',
  'subunitWarmingUp',
  'subunitAdded',
  'subunitRemoved',
  'subunitResourceAdded',
  'subunitResourceRemoved',
  'powerUp',
  'powerDown',
  'printerNMSReset',
  'printerManualReset',
  'printerReadyToPrint',
  'inputMediaSizeChange',
  'inputMediaWeightChange',
  'inputMediaTypeChange',
  'inputMediaColorChange',
  'inputMediaFormPartsChange',
  'markerAdjustingPrintQuality',
  'alertRemovalOfBinaryChangeEntry',
]);

export type AlertTableEntry = {
  code: string;
  severity: string;
  group: string;
  description: string;
};
export type DeviceCondition = { errors: readonly string[]; alerts: readonly AlertTableEntry[] };

/**
 * Every alert that should be open for a device in this condition, one per code (the table
 * entry wins over the status bit for the message, the higher severity wins).
 */
export function desiredAlerts(condition: DeviceCondition): DesiredAlert[] {
  const byCode = new Map<string, DesiredAlert>();
  const put = (alert: DesiredAlert) => {
    const existing = byCode.get(alert.code);
    if (
      !existing ||
      rank(alert.severity) > rank(existing.severity) ||
      (alert.source === 'ALERT_TABLE' && rank(alert.severity) === rank(existing.severity))
    ) {
      byCode.set(alert.code, alert);
    }
  };
  for (const error of condition.errors) {
    const mapped = STATUS_ALERTS[error];
    if (mapped) put({ ...mapped, source: 'DEVICE_STATUS' });
  }
  for (const entry of condition.alerts) {
    if (EVENT_CODES.has(entry.code)) continue;
    const mapped = TABLE_CODES[entry.code];
    const description = entry.description.trim();
    if (mapped) {
      put({
        ...mapped,
        source: 'ALERT_TABLE',
        message: description || STATUS_MESSAGE[mapped.code] || mapped.code,
      });
    } else if (entry.severity === 'critical') {
      // An unmapped critical condition is still worth a person's look.
      put({
        code: `DEVICE_${entry.group.toUpperCase()}_${entry.code.toUpperCase()}`.slice(0, 80),
        severity: 'CRITICAL',
        source: 'ALERT_TABLE',
        message: description || entry.code,
      });
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const STATUS_MESSAGE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(STATUS_ALERTS).map((alert) => [alert.code, alert.message]),
);

function rank(severity: AlertSeverityLevel): number {
  return severity === 'CRITICAL' ? 2 : severity === 'WARNING' ? 1 : 0;
}

export type AlertChanges = {
  open: DesiredAlert[];
  /** Codes of open alerts that the new condition no longer shows. */
  close: string[];
  /** Codes that stay open (their last-seen time advances). */
  keep: string[];
};

/**
 * Reconcile a device's open alerts (only those of the status and alert-table sources: the
 * silence monitor owns its own) with what the new reading shows.
 */
export function reconcileAlerts(
  openCodes: readonly string[],
  desired: readonly DesiredAlert[],
): AlertChanges {
  const open = new Set(openCodes);
  const wanted = new Set(desired.map((alert) => alert.code));
  return {
    open: desired.filter((alert) => !open.has(alert.code)),
    close: [...open].filter((code) => !wanted.has(code)).sort(),
    keep: [...open].filter((code) => wanted.has(code)).sort(),
  };
}

/** Silent: never heard of, or last heard of more than `hours` before `now`. */
export function isSilent(lastSeenAt: Date | null, hours: number, now: Date): boolean {
  if (hours <= 0) return false;
  return lastSeenAt === null || now.getTime() - lastSeenAt.getTime() > hours * 3_600_000;
}
