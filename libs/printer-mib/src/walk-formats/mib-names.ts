/**
 * The MIB object names net-snmp prints for the standard objects a printer walk holds
 * (MIB-II system/interfaces, Host-Resources, Printer-MIB), so that `snmpwalk` text written
 * with MIB translation (`SNMPv2-MIB::sysDescr.0`) reads back to numeric OIDs.
 * Names are unique across these MIBs, so the module prefix is not needed to resolve them.
 */
const TABLE: Record<string, string> = {
  // MIB-II and SNMPv2-SMI roots
  iso: '1',
  org: '1.3',
  dod: '1.3.6',
  internet: '1.3.6.1',
  mgmt: '1.3.6.1.2',
  'mib-2': '1.3.6.1.2.1',
  private: '1.3.6.1.4',
  enterprises: '1.3.6.1.4.1',
  zeroDotZero: '0.0',
  system: '1.3.6.1.2.1.1',
  sysDescr: '1.3.6.1.2.1.1.1',
  sysObjectID: '1.3.6.1.2.1.1.2',
  sysUpTime: '1.3.6.1.2.1.1.3',
  sysUpTimeInstance: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4',
  sysName: '1.3.6.1.2.1.1.5',
  sysLocation: '1.3.6.1.2.1.1.6',
  sysServices: '1.3.6.1.2.1.1.7',
  sysORLastChange: '1.3.6.1.2.1.1.8',
  // IF-MIB
  ifNumber: '1.3.6.1.2.1.2.1',
  ifIndex: '1.3.6.1.2.1.2.2.1.1',
  ifDescr: '1.3.6.1.2.1.2.2.1.2',
  ifType: '1.3.6.1.2.1.2.2.1.3',
  ifMtu: '1.3.6.1.2.1.2.2.1.4',
  ifSpeed: '1.3.6.1.2.1.2.2.1.5',
  ifPhysAddress: '1.3.6.1.2.1.2.2.1.6',
  ifAdminStatus: '1.3.6.1.2.1.2.2.1.7',
  ifOperStatus: '1.3.6.1.2.1.2.2.1.8',
  ifLastChange: '1.3.6.1.2.1.2.2.1.9',
  ifInOctets: '1.3.6.1.2.1.2.2.1.10',
  ifOutOctets: '1.3.6.1.2.1.2.2.1.16',
  ifName: '1.3.6.1.2.1.31.1.1.1.1',
  // HOST-RESOURCES-MIB
  hrSystemUptime: '1.3.6.1.2.1.25.1.1',
  hrMemorySize: '1.3.6.1.2.1.25.2.2',
  hrDeviceTypes: '1.3.6.1.2.1.25.3.1',
  hrDevicePrinter: '1.3.6.1.2.1.25.3.1.5',
  hrDeviceNetwork: '1.3.6.1.2.1.25.3.1.4',
  hrDeviceProcessor: '1.3.6.1.2.1.25.3.1.3',
  hrDeviceIndex: '1.3.6.1.2.1.25.3.2.1.1',
  hrDeviceType: '1.3.6.1.2.1.25.3.2.1.2',
  hrDeviceDescr: '1.3.6.1.2.1.25.3.2.1.3',
  hrDeviceID: '1.3.6.1.2.1.25.3.2.1.4',
  hrDeviceStatus: '1.3.6.1.2.1.25.3.2.1.5',
  hrDeviceErrors: '1.3.6.1.2.1.25.3.2.1.6',
  hrPrinterStatus: '1.3.6.1.2.1.25.3.5.1.1',
  hrPrinterDetectedErrorState: '1.3.6.1.2.1.25.3.5.1.2',
  // Printer-MIB (RFC 3805)
  printmib: '1.3.6.1.2.1.43',
  prtGeneralConfigChanges: '1.3.6.1.2.1.43.5.1.1.1',
  prtGeneralCurrentLocalization: '1.3.6.1.2.1.43.5.1.1.2',
  prtGeneralReset: '1.3.6.1.2.1.43.5.1.1.3',
  prtGeneralCurrentOperator: '1.3.6.1.2.1.43.5.1.1.4',
  prtGeneralServicePerson: '1.3.6.1.2.1.43.5.1.1.5',
  prtInputDefaultIndex: '1.3.6.1.2.1.43.5.1.1.6',
  prtOutputDefaultIndex: '1.3.6.1.2.1.43.5.1.1.7',
  prtMarkerDefaultIndex: '1.3.6.1.2.1.43.5.1.1.8',
  prtMediaPathDefaultIndex: '1.3.6.1.2.1.43.5.1.1.9',
  prtConsoleLocalization: '1.3.6.1.2.1.43.5.1.1.10',
  prtConsoleNumberOfDisplayLines: '1.3.6.1.2.1.43.5.1.1.11',
  prtConsoleNumberOfDisplayChars: '1.3.6.1.2.1.43.5.1.1.12',
  prtConsoleDisable: '1.3.6.1.2.1.43.5.1.1.13',
  prtAuxiliarySheetStartupPage: '1.3.6.1.2.1.43.5.1.1.14',
  prtAuxiliarySheetBannerPage: '1.3.6.1.2.1.43.5.1.1.15',
  prtGeneralPrinterName: '1.3.6.1.2.1.43.5.1.1.16',
  prtGeneralSerialNumber: '1.3.6.1.2.1.43.5.1.1.17',
  prtAlertCriticalEvents: '1.3.6.1.2.1.43.5.1.1.18',
  prtAlertAllEvents: '1.3.6.1.2.1.43.5.1.1.19',
  prtMarkerMarkTech: '1.3.6.1.2.1.43.10.2.1.2',
  prtMarkerCounterUnit: '1.3.6.1.2.1.43.10.2.1.3',
  prtMarkerLifeCount: '1.3.6.1.2.1.43.10.2.1.4',
  prtMarkerPowerOnCount: '1.3.6.1.2.1.43.10.2.1.5',
  prtMarkerProcessColorants: '1.3.6.1.2.1.43.10.2.1.6',
  prtMarkerSpotColorants: '1.3.6.1.2.1.43.10.2.1.7',
  prtMarkerStatus: '1.3.6.1.2.1.43.10.2.1.15',
  prtMarkerSuppliesMarkerIndex: '1.3.6.1.2.1.43.11.1.1.2',
  prtMarkerSuppliesColorantIndex: '1.3.6.1.2.1.43.11.1.1.3',
  prtMarkerSuppliesClass: '1.3.6.1.2.1.43.11.1.1.4',
  prtMarkerSuppliesType: '1.3.6.1.2.1.43.11.1.1.5',
  prtMarkerSuppliesDescription: '1.3.6.1.2.1.43.11.1.1.6',
  prtMarkerSuppliesSupplyUnit: '1.3.6.1.2.1.43.11.1.1.7',
  prtMarkerSuppliesMaxCapacity: '1.3.6.1.2.1.43.11.1.1.8',
  prtMarkerSuppliesLevel: '1.3.6.1.2.1.43.11.1.1.9',
  prtMarkerColorantMarkerIndex: '1.3.6.1.2.1.43.12.1.1.2',
  prtMarkerColorantRole: '1.3.6.1.2.1.43.12.1.1.3',
  prtMarkerColorantValue: '1.3.6.1.2.1.43.12.1.1.4',
  prtMarkerColorantTonality: '1.3.6.1.2.1.43.12.1.1.5',
  prtConsoleDisplayBufferText: '1.3.6.1.2.1.43.16.5.1.2',
  prtAlertSeverityLevel: '1.3.6.1.2.1.43.18.1.1.2',
  prtAlertTrainingLevel: '1.3.6.1.2.1.43.18.1.1.3',
  prtAlertGroup: '1.3.6.1.2.1.43.18.1.1.4',
  prtAlertGroupIndex: '1.3.6.1.2.1.43.18.1.1.5',
  prtAlertLocation: '1.3.6.1.2.1.43.18.1.1.6',
  prtAlertCode: '1.3.6.1.2.1.43.18.1.1.7',
  prtAlertDescription: '1.3.6.1.2.1.43.18.1.1.8',
  prtAlertTime: '1.3.6.1.2.1.43.18.1.1.9',
};

/**
 * `SNMPv2-MIB::sysDescr.0`, `iso.3.6.1.2.1.1.1.0`, `SNMPv2-SMI::enterprises.367.1.1`,
 * `.1.3.6.1…` or `1.3.6.1…` → numeric OID; null for a name this table does not know.
 */
export function resolveOidName(name: string): string | null {
  let text = name.trim();
  const moduleEnd = text.indexOf('::');
  if (moduleEnd >= 0) text = text.slice(moduleEnd + 2);
  if (text.startsWith('.')) text = text.slice(1);
  const firstDot = text.indexOf('.');
  const head = firstDot < 0 ? text : text.slice(0, firstDot);
  const rest = firstDot < 0 ? '' : text.slice(firstDot);
  const base = /^\d+$/.test(head) ? head : TABLE[head];
  if (base === undefined) return null;
  const oid = `${base}${rest}`;
  return /^\d+(\.\d+)*$/.test(oid) ? oid : null;
}
