export * from './types.js';
export * from './walk-formats/index.js';
export { decodeSnapshot } from './snapshot.js';
export {
  IDENTITY_PROBE_OIDS,
  IDENTITY_SUBTREES,
  PRINTER_DETECTION_OIDS,
  PRINTER_PRESENCE_NEXT_OIDS,
  STANDARD_POLL_SUBTREES,
  identityPlan,
  pollPlan,
  isPrinter,
  type PollPlan,
} from './poll-plan.js';
export { decodeDeviceIdentity } from './identity.js';
export { decodeErrorState, encodeErrorState, ERROR_BITS } from './status.js';
export { supplyLevel } from './supplies.js';
export { alertCodeName, alertGroupName, alertSeverityName } from './alerts.js';
export {
  decodePrinterAlertNotification,
  printerAlertVarBinds,
  type PrinterAlertNotification,
} from './alert-notification.js';
export {
  detectVendor,
  enterpriseNumber,
  isPrinterObjectId,
  type VendorFamily,
  type VendorMatch,
} from './vendors.js';
export { decodeText } from './text.js';
export { counterDisplayName } from './counters/counter-names.js';
export * as oids from './oids.js';
