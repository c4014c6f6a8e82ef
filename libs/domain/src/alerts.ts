/**
 * Which alerts a device has open, from its detected error bits (hrPrinterDetectedErrorState),
 * its hrDeviceStatus and its Printer-MIB alert table (RFC 3805 prtAlertTable, with the
 * device's own severity), and which subjects have gone silent. Pure: no I/O.
 */

export type AlertSeverityLevel = 'INFO' | 'WARNING' | 'CRITICAL';
export type AlertSource = 'DEVICE_STATUS' | 'ALERT_TABLE' | 'SILENCE_MONITOR' | 'AGENT_HEALTH';

export type DesiredAlert = {
  /** Stable code; one open alert per device and code. */
  code: string;
  severity: AlertSeverityLevel;
  source: AlertSource;
  message: string;
  /** The alert-table row's prtAlertTrainingLevel (RFC 3805), when the device gave one. */
  trainingLevel?: string | null;
};

/** hrPrinterDetectedErrorState bit names (as decoded by printer-mib) → alert. */
const STATUS_ALERTS: Readonly<Record<string, Omit<DesiredAlert, 'source'>>> = {
  jammed: { code: 'JAM', severity: 'CRITICAL', message: 'Paper jam' },
  noPaper: { code: 'PAPER_OUT', severity: 'CRITICAL', message: 'Out of paper' },
  lowPaper: { code: 'PAPER_LOW', severity: 'WARNING', message: 'Paper low' },
  noToner: { code: 'TONER_EMPTY', severity: 'CRITICAL', message: 'Toner empty' },
  lowToner: { code: 'TONER_LOW', severity: 'WARNING', message: 'Toner low' },
  doorOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL', message: 'Door or cover open' },
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

/**
 * serviceRequested is the one bit whose weight the device tells apart: RFC 3805 (section
 * 2.2.13.2, the table of hrDeviceStatus / hrPrinterStatus / hrPrinterDetectedErrorState) lists it
 * under "Non Critical Alert Active" with hrDeviceStatus warning(3) as well as under "Critical
 * Alert Active" with down(5). So it is critical only when the device says it is down.
 */
function serviceRequested(deviceStatus: string | null | undefined): Omit<DesiredAlert, 'source'> {
  return {
    code: 'SERVICE_REQUESTED',
    severity: deviceStatus === 'down' ? 'CRITICAL' : 'WARNING',
    message: 'Service requested',
  };
}

/**
 * prtAlertCode names (RFC 3805 PrtAlertCodeTC) that mean the same as a status bit or deserve
 * their own code, with the severity used when the device gives none (prtAlertSeverityLevel
 * other(1)) and the title shown when it gives no description.
 */
const TABLE_CODES: Readonly<
  Record<string, { code: string; severity: AlertSeverityLevel; message: string }>
> = {
  jam: { code: 'JAM', severity: 'CRITICAL', message: 'Paper jam' },
  coverOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL', message: 'Cover open' },
  doorOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL', message: 'Door open' },
  interlockOpen: { code: 'DOOR_OPEN', severity: 'CRITICAL', message: 'Interlock open' },
  inputMediaSupplyEmpty: { code: 'PAPER_OUT', severity: 'CRITICAL', message: 'Out of paper' },
  inputMediaSupplyLow: { code: 'PAPER_LOW', severity: 'WARNING', message: 'Paper low' },
  inputMediaTrayMissing: {
    code: 'INPUT_TRAY_MISSING',
    severity: 'WARNING',
    message: 'Input tray missing',
  },
  outputMediaTrayMissing: {
    code: 'OUTPUT_TRAY_MISSING',
    severity: 'WARNING',
    message: 'Output tray missing',
  },
  outputMediaTrayAlmostFull: {
    code: 'OUTPUT_NEAR_FULL',
    severity: 'INFO',
    message: 'Output tray almost full',
  },
  outputMediaTrayFull: { code: 'OUTPUT_FULL', severity: 'WARNING', message: 'Output tray full' },
  markerTonerEmpty: { code: 'TONER_EMPTY', severity: 'CRITICAL', message: 'Toner empty' },
  markerInkEmpty: { code: 'TONER_EMPTY', severity: 'CRITICAL', message: 'Ink empty' },
  markerTonerAlmostEmpty: { code: 'TONER_LOW', severity: 'WARNING', message: 'Toner low' },
  markerInkAlmostEmpty: { code: 'TONER_LOW', severity: 'WARNING', message: 'Ink low' },
  markerTonerCartridgeMissing: {
    code: 'SUPPLY_MISSING',
    severity: 'CRITICAL',
    message: 'Toner cartridge missing',
  },
  markerWasteTonerReceptacleAlmostFull: {
    code: 'WASTE_ALMOST_FULL',
    severity: 'WARNING',
    message: 'Waste toner box almost full',
  },
  markerWasteInkReceptacleAlmostFull: {
    code: 'WASTE_ALMOST_FULL',
    severity: 'WARNING',
    message: 'Waste ink tank almost full',
  },
  markerWasteTonerReceptacleFull: {
    code: 'WASTE_FULL',
    severity: 'CRITICAL',
    message: 'Waste toner box full',
  },
  markerWasteInkReceptacleFull: {
    code: 'WASTE_FULL',
    severity: 'CRITICAL',
    message: 'Waste ink tank full',
  },
  markerOpcLifeAlmostOver: {
    code: 'DRUM_NEAR_END',
    severity: 'WARNING',
    message: 'Drum near end of life',
  },
  markerOpcLifeOver: { code: 'DRUM_END', severity: 'CRITICAL', message: 'Drum at end of life' },
  markerDeveloperAlmostEmpty: {
    code: 'DEVELOPER_LOW',
    severity: 'WARNING',
    message: 'Developer low',
  },
  markerDeveloperEmpty: {
    code: 'DEVELOPER_EMPTY',
    severity: 'CRITICAL',
    message: 'Developer empty',
  },
  subunitLifeAlmostOver: {
    code: 'PART_NEAR_END',
    severity: 'WARNING',
    message: 'Part near end of life',
  },
  subunitLifeOver: { code: 'PART_END', severity: 'CRITICAL', message: 'Part at end of life' },
  subunitUnrecoverableFailure: {
    code: 'SERVICE_REQUESTED',
    severity: 'CRITICAL',
    message: 'Unrecoverable failure',
  },
  subunitMotorFailure: {
    code: 'SERVICE_REQUESTED',
    severity: 'CRITICAL',
    message: 'Motor failure',
  },
  markerFuserUnderTemperature: {
    code: 'FUSER_UNDER_TEMPERATURE',
    severity: 'WARNING',
    message: 'Fuser below temperature',
  },
  markerFuserOverTemperature: {
    code: 'FUSER_OVER_TEMPERATURE',
    severity: 'CRITICAL',
    message: 'Fuser over temperature',
  },
  markerFuserTimingFailure: {
    code: 'FUSER_FAILURE',
    severity: 'CRITICAL',
    message: 'Fuser timing failure',
  },
  markerFuserThermistorFailure: {
    code: 'FUSER_FAILURE',
    severity: 'CRITICAL',
    message: 'Fuser thermistor failure',
  },
};

/**
 * prtAlertSeverityLevel (RFC 3805): critical(3) and warning(4) are the device's own word;
 * other(1) leaves it to our default. warningBinaryChangeEvent(5) is not listed: it records
 * that a state changed (a fuser cooling in sleep, a tray pulled and put back), not a condition
 * that is still there, so it opens nothing.
 */
const DEVICE_SEVERITY: Readonly<Record<string, AlertSeverityLevel>> = {
  critical: 'CRITICAL',
  warning: 'WARNING',
};
const BINARY_CHANGE_EVENT = 'warningBinaryChangeEvent';

/**
 * hrDeviceStatus (RFC 2790): warning(3) is a device still operational with an unusual error
 * condition, down(5) one not functioning. Raised only when nothing more specific explains it.
 */
const DEVICE_STATE_ALERTS: Readonly<Record<string, Omit<DesiredAlert, 'source'>>> = {
  warning: { code: 'DEVICE_WARNING', severity: 'WARNING', message: 'Printer reports a warning' },
  down: { code: 'DEVICE_DOWN', severity: 'CRITICAL', message: 'Printer reports it is down' },
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
  /** prtAlertTrainingLevel name, when the device gives one. */
  trainingLevel?: string | null;
};
export type DeviceCondition = {
  errors: readonly string[];
  alerts: readonly AlertTableEntry[];
  /** hrDeviceStatus name (unknown, running, warning, testing, down), when reported. */
  deviceStatus?: string | null;
};

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
    const mapped =
      error === 'serviceRequested'
        ? serviceRequested(condition.deviceStatus)
        : STATUS_ALERTS[error];
    if (mapped) put({ ...mapped, source: 'DEVICE_STATUS' });
  }
  for (const entry of condition.alerts) {
    if (entry.severity === BINARY_CHANGE_EVENT || EVENT_CODES.has(entry.code)) continue;
    const mapped = TABLE_CODES[entry.code];
    const description = entry.description.trim();
    const deviceSeverity = DEVICE_SEVERITY[entry.severity];
    if (mapped) {
      put({
        code: mapped.code,
        severity: deviceSeverity ?? mapped.severity,
        source: 'ALERT_TABLE',
        message: description || mapped.message,
        ...trainingLevelOf(entry),
      });
    } else if (deviceSeverity) {
      // An unmapped condition the device calls critical or warning is still worth a look.
      put({
        code: `DEVICE_${entry.group.toUpperCase()}_${entry.code.toUpperCase()}`.slice(0, 80),
        severity: deviceSeverity,
        source: 'ALERT_TABLE',
        message: description || alertTitle(entry.code),
        ...trainingLevelOf(entry),
      });
    }
  }
  const state = DEVICE_STATE_ALERTS[condition.deviceStatus ?? ''];
  const explained = [...byCode.values()].some((alert) => rank(alert.severity) >= 1);
  if (state && !explained) put({ ...state, source: 'DEVICE_STATUS' });
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function trainingLevelOf(entry: AlertTableEntry): Pick<DesiredAlert, 'trainingLevel'> {
  return entry.trainingLevel ? { trainingLevel: entry.trainingLevel } : {};
}

/** A PrtAlertCodeTC name in words: `subunitJamOther` → "Subunit jam other". */
export function alertTitle(codeName: string): string {
  const words = codeName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

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

/**
 * A printer its agent polls that stopped answering, as the agent reports it (once, in an event
 * upload). A status-sourced alert: the printer's next reading closes it.
 */
export const UNREACHABLE_ALERT: DesiredAlert = {
  code: 'UNREACHABLE',
  severity: 'WARNING',
  source: 'DEVICE_STATUS',
  message: 'Printer does not answer its agent',
};

/** Silent: never heard of, or last heard of more than `hours` before `now`. */
export function isSilent(lastSeenAt: Date | null, hours: number, now: Date): boolean {
  if (hours <= 0) return false;
  return lastSeenAt === null || now.getTime() - lastSeenAt.getTime() > hours * 3_600_000;
}
