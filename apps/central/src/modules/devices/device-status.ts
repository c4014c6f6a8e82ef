/**
 * One word for how a device is doing, shown in the fleet and filtered on server-side. The
 * rule, first match wins:
 *
 * 1. NOT_SEEN_RECENTLY — no agent has seen it for the tenant's `deviceSilenceHours` (the same
 *    threshold that raises DEVICE_SILENT): whatever it said last is stale.
 * 2. OFFLINE — it reports the `offline` error bit (hrPrinterDetectedErrorState).
 * 3. ERROR — it reports a bit that stops printing (jam, no paper/toner, door open, supply
 *    missing) or has an open CRITICAL alert (service requested counts as critical only when the
 *    device reports itself down, RFC 3805: its alert carries the severity).
 * 4. WARNING — it reports a bit that needs attention soon (low paper/toner, tray missing or
 *    empty, output full, maintenance overdue) or has an open WARNING alert.
 * 5. OK — otherwise (INFO alerts such as "output almost full" do not count).
 *
 * Alert-table rows keep the device's own severity and binary-change events open no alert, and
 * hrDeviceStatus warning(3) / down(5) (RFC 2790) open DEVICE_WARNING / DEVICE_DOWN when nothing
 * more specific does (@printbeat/domain desiredAlerts): they reach this rule as open alerts.
 *
 * The same rule is written twice — here for a loaded device, and as a Prisma `where` in
 * DevicesRepository — from the bit lists below; the integration test checks they agree.
 */
export const DEVICE_STATUSES = ['OK', 'WARNING', 'ERROR', 'OFFLINE', 'NOT_SEEN_RECENTLY'] as const;
export type DeviceStatusName = (typeof DEVICE_STATUSES)[number];

export const OFFLINE_BIT = 'offline';
/** The bits whose alert is CRITICAL in @printbeat/domain's alert rules. */
export const ERROR_BITS: readonly string[] = [
  'jammed',
  'noPaper',
  'noToner',
  'doorOpen',
  'markerSupplyMissing',
];
/** The bits whose alert is WARNING there (offline has its own status). */
export const WARNING_BITS: readonly string[] = [
  'lowPaper',
  'lowToner',
  'inputTrayMissing',
  'outputTrayMissing',
  'outputFull',
  'inputTrayEmpty',
  'overduePreventiveMaintenance',
];

export type DeviceStatusInput = {
  detectedErrors: readonly string[];
  lastSeenAt: Date;
  openAlertSeverities: readonly string[];
};

/** The instant before which a device counts as not seen recently. */
export function silenceCutoff(now: Date, deviceSilenceHours: number): Date {
  return new Date(now.getTime() - deviceSilenceHours * 3_600_000);
}

export function deviceStatus(device: DeviceStatusInput, cutoff: Date): DeviceStatusName {
  if (device.lastSeenAt.getTime() < cutoff.getTime()) return 'NOT_SEEN_RECENTLY';
  if (device.detectedErrors.includes(OFFLINE_BIT)) return 'OFFLINE';
  if (
    device.detectedErrors.some((bit) => ERROR_BITS.includes(bit)) ||
    device.openAlertSeverities.includes('CRITICAL')
  )
    return 'ERROR';
  if (
    device.detectedErrors.some((bit) => WARNING_BITS.includes(bit)) ||
    device.openAlertSeverities.includes('WARNING')
  )
    return 'WARNING';
  return 'OK';
}
