/**
 * The words a printer's state is described in, shared by the decoder (printer-mib), the upload
 * format (payload) and central. One list each, so the three can never disagree.
 */

export const SUPPLY_TYPES = [
  'toner',
  'ink',
  'drum',
  'developer',
  'fuser',
  'transferBelt',
  'transferRoller',
  'wasteToner',
  'wasteInk',
  'staples',
  'maintenanceKit',
  'cleaner',
  'other',
] as const;
export type SupplyType = (typeof SUPPLY_TYPES)[number];

/** `ok` when level/maxCapacity are real; else the RFC 3805 special value (-1 other, -2 unknown, -3 some remaining). */
export const SUPPLY_LEVEL_STATES = ['ok', 'other', 'unknown', 'someRemaining'] as const;
export type SupplyLevelState = (typeof SUPPLY_LEVEL_STATES)[number];

export const PRINTER_STATES = ['other', 'unknown', 'idle', 'printing', 'warmup'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

export const DEVICE_STATES = ['unknown', 'running', 'warning', 'testing', 'down'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** In hrPrinterDetectedErrorState bit order (RFC 3805): bit 0 is the MSB of the first byte. */
export const PRINTER_ERRORS = [
  'lowPaper',
  'noPaper',
  'lowToner',
  'noToner',
  'doorOpen',
  'jammed',
  'offline',
  'serviceRequested',
  'inputTrayMissing',
  'outputTrayMissing',
  'markerSupplyMissing',
  'outputNearFull',
  'outputFull',
  'inputTrayEmpty',
  'overduePreventiveMaintenance',
] as const;
export type PrinterError = (typeof PRINTER_ERRORS)[number];

export const ALERT_SEVERITIES = [
  'other',
  'critical',
  'warning',
  'warningBinaryChangeEvent',
] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * prtAlertTrainingLevel (RFC 3805 PrtAlertTrainingLevelTC, values 1–7): who the device says can
 * clear the condition (fieldService: a technician; untrained/trained: the user).
 */
export const ALERT_TRAINING_LEVELS = [
  'other',
  'unknown',
  'untrained',
  'trained',
  'fieldService',
  'management',
  'noInterventionRequired',
] as const;
export type AlertTrainingLevel = (typeof ALERT_TRAINING_LEVELS)[number];
