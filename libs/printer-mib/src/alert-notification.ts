import { alertCodeName, alertGroupName, alertSeverityName } from './alerts.js';
import * as O from './oids.js';
import type { AlertSeverity, VarBind } from './types.js';
import { VarBindIndex } from './varbind-index.js';

/**
 * What a Printer-MIB alert notification (RFC 3805 printerV2Alert, or printerV1Alert as an
 * SNMPv1 trap) says: the prtAlertTable row just added, named by `hrDeviceIndex.prtAlertIndex`.
 */
export type PrinterAlertNotification = {
  hrDeviceIndex: number;
  alertIndex: number;
  severity: AlertSeverity;
  group: string;
  /** prtAlertGroupIndex: the row of the group's table, -1 when none applies. */
  groupIndex: number | null;
  /** prtAlertLocation: vendor-specific location code, -1 unknown, -2 not applicable. */
  location: number | null;
  code: string;
};

/** RFC 3805 printerV2Alert OBJECTS, in order. */
const COLUMNS = [
  O.PRT_ALERT_INDEX,
  O.PRT_ALERT_SEVERITY_LEVEL,
  O.PRT_ALERT_GROUP,
  O.PRT_ALERT_GROUP_INDEX,
  O.PRT_ALERT_LOCATION,
  O.PRT_ALERT_CODE,
] as const;

/**
 * Reads the alert row a printerV2Alert carries; null when `notificationOid` is another
 * notification or no severity and code are bound. The row's instance (`hrDeviceIndex.prtAlertIndex`)
 * comes from the first alert column bound, as every column of one row shares it.
 */
export function decodePrinterAlertNotification(
  notificationOid: string,
  varbinds: readonly VarBind[],
): PrinterAlertNotification | null {
  if (notificationOid !== O.PRINTER_V2_ALERT) return null;
  const instance = alertInstance(varbinds);
  if (instance === null) return null;
  const index = new VarBindIndex(varbinds);
  const at = (column: string): number | null => index.number(`${column}.${instance.join('.')}`);
  const severity = at(O.PRT_ALERT_SEVERITY_LEVEL);
  const code = at(O.PRT_ALERT_CODE);
  if (severity === null || code === null) return null;
  return {
    hrDeviceIndex: instance[0],
    alertIndex: at(O.PRT_ALERT_INDEX) ?? instance[1],
    severity: alertSeverityName(severity),
    group: alertGroupName(at(O.PRT_ALERT_GROUP) ?? 1),
    groupIndex: at(O.PRT_ALERT_GROUP_INDEX),
    location: at(O.PRT_ALERT_LOCATION),
    code: alertCodeName(code),
  };
}

/** The printerV2Alert variable bindings for one prtAlertTable row, in RFC 3805's order. */
export function printerAlertVarBinds(alert: {
  hrDeviceIndex: number;
  alertIndex: number;
  severityLevel: number;
  group: number;
  groupIndex: number;
  location: number;
  code: number;
}): VarBind[] {
  const values = [
    alert.alertIndex,
    alert.severityLevel,
    alert.group,
    alert.groupIndex,
    alert.location,
    alert.code,
  ];
  return COLUMNS.map((column, i) => ({
    oid: `${column}.${alert.hrDeviceIndex}.${alert.alertIndex}`,
    type: 'Integer' as const,
    value: values[i]!,
  }));
}

function alertInstance(varbinds: readonly VarBind[]): [number, number] | null {
  for (const varbind of varbinds) {
    for (const column of COLUMNS) {
      if (!varbind.oid.startsWith(`${column}.`)) continue;
      const parts = varbind.oid.slice(column.length + 1).split('.');
      if (parts.length !== 2) continue;
      const [device, alert] = parts.map(Number) as [number, number];
      if (Number.isInteger(device) && Number.isInteger(alert)) return [device, alert];
    }
  }
  return null;
}
