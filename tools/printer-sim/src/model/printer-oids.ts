// OIDs of the standard MIBs the simulator animates (RFC 3805 Printer-MIB, RFC 2790 Host-Resources).

export const OID = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  hrSystemUptime: '1.3.6.1.2.1.25.1.1.0',
  hrDeviceStatus: '1.3.6.1.2.1.25.3.2.1.5',
  hrPrinterStatus: '1.3.6.1.2.1.25.3.5.1.1',
  hrPrinterDetectedErrorState: '1.3.6.1.2.1.25.3.5.1.2',
  printerMib: '1.3.6.1.2.1.43',
  prtGeneralReset: '1.3.6.1.2.1.43.5.1.1.3',
  prtMarkerLifeCount: '1.3.6.1.2.1.43.10.2.1.4',
  prtMarkerSuppliesColorantIndex: '1.3.6.1.2.1.43.11.1.1.3',
  prtMarkerSuppliesClass: '1.3.6.1.2.1.43.11.1.1.4',
  prtMarkerSuppliesType: '1.3.6.1.2.1.43.11.1.1.5',
  prtMarkerSuppliesDescription: '1.3.6.1.2.1.43.11.1.1.6',
  prtMarkerSuppliesMaxCapacity: '1.3.6.1.2.1.43.11.1.1.8',
  prtMarkerSuppliesLevel: '1.3.6.1.2.1.43.11.1.1.9',
  prtMarkerColorantValue: '1.3.6.1.2.1.43.12.1.1.4',
  prtAlertEntry: '1.3.6.1.2.1.43.18.1.1',
} as const;

/** prtGeneralReset values (PrtGeneralResetTC). */
export const GeneralReset = {
  notResetting: 3,
  powerCycleReset: 4,
  resetToNVRAM: 5,
  resetToFactoryDefaults: 6,
} as const;

/** hrDeviceStatus (RFC 2790). */
export const DeviceStatus = { unknown: 1, running: 2, warning: 3, testing: 4, down: 5 } as const;
/** hrPrinterStatus (RFC 2790). */
export const PrinterStatus = { other: 1, unknown: 2, idle: 3, printing: 4, warmup: 5 } as const;

export const ERROR_KINDS = ['jam', 'paperOut', 'tonerEmpty', 'doorOpen', 'offline'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export function isErrorKind(value: string): value is ErrorKind {
  return (ERROR_KINDS as readonly string[]).includes(value);
}

type ErrorEffect = {
  /** Byte index and bit mask in hrPrinterDetectedErrorState (bit 0 = 0x80 of byte 0). */
  byte: 0 | 1;
  mask: number;
  /** prtAlertGroup, prtAlertCode (RFC 3805 PrtAlertGroupTC / PrtAlertCodeTC). */
  group: number;
  code: number;
  description: string;
};

export const ERROR_EFFECTS: Record<ErrorKind, ErrorEffect> = {
  // hrPrinterDetectedErrorState: lowPaper 0x80, noPaper 0x40, lowToner 0x20, noToner 0x10,
  // doorOpen 0x08, jammed 0x04, offline 0x02, serviceRequested 0x01 (first octet).
  jam: { byte: 0, mask: 0x04, group: 13, code: 8, description: 'Paper jam' },
  paperOut: { byte: 0, mask: 0x40, group: 8, code: 808, description: 'Paper empty' },
  tonerEmpty: { byte: 0, mask: 0x10, group: 11, code: 1101, description: 'Toner empty' },
  doorOpen: { byte: 0, mask: 0x08, group: 6, code: 501, description: 'Door open' },
  offline: { byte: 0, mask: 0x02, group: 5, code: 22, description: 'Offline' },
};

/** prtAlertSeverityLevel critical(3); prtAlertTrainingLevel untrained(3). */
export const ALERT_SEVERITY_CRITICAL = 3;
export const ALERT_TRAINING_UNTRAINED = 3;
