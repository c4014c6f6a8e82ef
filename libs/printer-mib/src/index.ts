export * from './types.js';
export * from './walk-formats/index.js';
export { decodeSnapshot } from './snapshot.js';
export {
  IDENTITY_PROBE_OIDS,
  PRINTER_DETECTION_OIDS,
  STANDARD_POLL_SUBTREES,
  pollPlan,
  isPrinter,
  type PollPlan,
} from './poll-plan.js';
export { decodeErrorState, encodeErrorState, ERROR_BITS } from './status.js';
export { supplyLevel } from './supplies.js';
export { alertCodeName, alertGroupName, alertSeverityName } from './alerts.js';
export {
  decodePrinterAlertNotification,
  printerAlertVarBinds,
  type PrinterAlertNotification,
} from './alert-notification.js';
export { detectVendor, enterpriseNumber, type VendorFamily, type VendorMatch } from './vendors.js';
export { decodeText } from './text.js';
export * as oids from './oids.js';
