import { ALERT_TRAINING_LEVELS } from '@printbeat/domain';
import * as O from './oids.js';
import type { Alert, AlertSeverity } from './types.js';
import type { VarBindIndex } from './varbind-index.js';

const SEVERITIES: Record<number, AlertSeverity> = {
  1: 'other',
  3: 'critical',
  4: 'warning',
  5: 'warningBinaryChangeEvent',
};

/** PrtAlertGroupTC (RFC 3805). */
const GROUPS: Record<number, string> = {
  1: 'other',
  3: 'hostResourcesMIBStorageTable',
  4: 'hostResourcesMIBDeviceTable',
  5: 'generalPrinter',
  6: 'cover',
  7: 'localization',
  8: 'input',
  9: 'output',
  10: 'marker',
  11: 'markerSupplies',
  12: 'markerColorant',
  13: 'mediaPath',
  14: 'channel',
  15: 'interpreter',
  16: 'consoleDisplayBuffer',
  17: 'consoleLights',
  18: 'alert',
  30: 'finDevice',
  31: 'finSupply',
  32: 'finSupplyMediaInput',
  33: 'finAttributeTable',
};

/** PrtAlertCodeTC (RFC 3805). */
const CODES: Record<number, string> = {
  1: 'other',
  2: 'unknown',
  3: 'coverOpen',
  4: 'coverClosed',
  5: 'interlockOpen',
  6: 'interlockClosed',
  7: 'configurationChange',
  8: 'jam',
  9: 'subunitMissing',
  10: 'subunitLifeAlmostOver',
  11: 'subunitLifeOver',
  12: 'subunitAlmostEmpty',
  13: 'subunitEmpty',
  14: 'subunitAlmostFull',
  15: 'subunitFull',
  16: 'subunitNearLimit',
  17: 'subunitAtLimit',
  18: 'subunitOpened',
  19: 'subunitClosed',
  20: 'subunitTurnedOn',
  21: 'subunitTurnedOff',
  22: 'subunitOffline',
  23: 'subunitPowerSaver',
  24: 'subunitWarmingUp',
  25: 'subunitAdded',
  26: 'subunitRemoved',
  27: 'subunitResourceAdded',
  28: 'subunitResourceRemoved',
  29: 'subunitRecoverableFailure',
  30: 'subunitUnrecoverableFailure',
  31: 'subunitRecoverableStorageError',
  32: 'subunitUnrecoverableStorageError',
  33: 'subunitMotorFailure',
  34: 'subunitMemoryExhausted',
  35: 'subunitUnderTemperature',
  36: 'subunitOverTemperature',
  37: 'subunitTimingFailure',
  38: 'subunitThermistorFailure',
  501: 'doorOpen',
  502: 'doorClosed',
  503: 'powerUp',
  504: 'powerDown',
  505: 'printerNMSReset',
  506: 'printerManualReset',
  507: 'printerReadyToPrint',
  801: 'inputMediaTrayMissing',
  802: 'inputMediaSizeChange',
  803: 'inputMediaWeightChange',
  804: 'inputMediaTypeChange',
  805: 'inputMediaColorChange',
  806: 'inputMediaFormPartsChange',
  807: 'inputMediaSupplyLow',
  808: 'inputMediaSupplyEmpty',
  809: 'inputMediaChangeRequest',
  810: 'inputManualInputRequest',
  811: 'inputTrayPositionFailure',
  812: 'inputTrayElevationFailure',
  813: 'inputCannotFeedSizeSelected',
  901: 'outputMediaTrayMissing',
  902: 'outputMediaTrayAlmostFull',
  903: 'outputMediaTrayFull',
  904: 'outputMailboxSelectFailure',
  1001: 'markerFuserUnderTemperature',
  1002: 'markerFuserOverTemperature',
  1003: 'markerFuserTimingFailure',
  1004: 'markerFuserThermistorFailure',
  1005: 'markerAdjustingPrintQuality',
  1101: 'markerTonerEmpty',
  1102: 'markerInkEmpty',
  1103: 'markerPrintRibbonEmpty',
  1104: 'markerTonerAlmostEmpty',
  1105: 'markerInkAlmostEmpty',
  1106: 'markerPrintRibbonAlmostEmpty',
  1107: 'markerWasteTonerReceptacleAlmostFull',
  1108: 'markerWasteInkReceptacleAlmostFull',
  1109: 'markerWasteTonerReceptacleFull',
  1110: 'markerWasteInkReceptacleFull',
  1111: 'markerOpcLifeAlmostOver',
  1112: 'markerOpcLifeOver',
  1113: 'markerDeveloperAlmostEmpty',
  1114: 'markerDeveloperEmpty',
  1115: 'markerTonerCartridgeMissing',
  1301: 'mediaPathMediaTrayMissing',
  1302: 'mediaPathMediaTrayAlmostFull',
  1303: 'mediaPathMediaTrayFull',
  1304: 'mediaPathCannotDuplexMediaSelected',
  1501: 'interpreterMemoryIncrease',
  1502: 'interpreterMemoryDecrease',
  1503: 'interpreterCartridgeAdded',
  1504: 'interpreterCartridgeDeleted',
  1505: 'interpreterResourceAdded',
  1506: 'interpreterResourceDeleted',
  1507: 'interpreterResourceUnavailable',
  1509: 'interpreterComplexPageEncountered',
  1801: 'alertRemovalOfBinaryChangeEntry',
};

export function alertSeverityName(code: number): AlertSeverity {
  return SEVERITIES[code] ?? 'other';
}

export function alertGroupName(code: number): string {
  return GROUPS[code] ?? 'other';
}

export function alertCodeName(code: number): string {
  return CODES[code] ?? 'other';
}

/** prtAlertTable rows (index `hrDeviceIndex.prtAlertIndex`), in table order. */
export function decodeAlerts(index: VarBindIndex): Alert[] {
  const severities = index.numberColumn(O.PRT_ALERT_SEVERITY_LEVEL);
  const groups = index.numberColumn(O.PRT_ALERT_GROUP);
  const codes = index.numberColumn(O.PRT_ALERT_CODE);
  const descriptions = index.textColumn(O.PRT_ALERT_DESCRIPTION);
  const trainingLevels = index.numberColumn(O.PRT_ALERT_TRAINING_LEVEL);
  const rows = new Set([...severities.keys(), ...codes.keys()]);
  return [...rows].map((row) => ({
    index: row,
    severity: alertSeverityName(severities.get(row) ?? 1),
    group: alertGroupName(groups.get(row) ?? 1),
    code: alertCodeName(codes.get(row) ?? 1),
    description: descriptions.get(row) ?? '',
    ...trainingLevel(trainingLevels.get(row)),
  }));
}

/** PrtAlertTrainingLevelTC 1–7 by name; nothing when the device gives no (known) value. */
function trainingLevel(value: number | undefined): Pick<Alert, 'trainingLevel'> {
  const name = value === undefined ? undefined : ALERT_TRAINING_LEVELS[value - 1];
  return name ? { trainingLevel: name } : {};
}
