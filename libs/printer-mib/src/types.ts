import type {
  AlertSeverity,
  AlertTrainingLevel,
  CanonicalCounter,
  DeviceState,
  PrinterError,
  PrinterState,
  SupplyLevelState,
  SupplyType,
} from '@printbeat/domain';

/** SNMP value types as they appear on the wire (SMIv2 application types included). */
export type SnmpType =
  | 'Integer'
  | 'OctetString'
  | 'Null'
  | 'ObjectIdentifier'
  | 'IpAddress'
  | 'Counter32'
  | 'Gauge32'
  | 'TimeTicks'
  | 'Opaque'
  | 'Counter64';

/**
 * One variable binding. OIDs are numeric, dotted, without a leading dot.
 * OctetString values are raw bytes; Counter64 is a bigint; IpAddress is dotted text;
 * ObjectIdentifier is dotted numeric text without a leading dot.
 */
export type VarBind =
  | { oid: string; type: 'Integer' | 'Counter32' | 'Gauge32' | 'TimeTicks'; value: number }
  | { oid: string; type: 'Counter64'; value: bigint }
  | { oid: string; type: 'OctetString' | 'Opaque'; value: Uint8Array }
  | { oid: string; type: 'ObjectIdentifier' | 'IpAddress'; value: string }
  | { oid: string; type: 'Null'; value: null };

export type Identity = {
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  /** Lower-case colon-separated, e.g. `00:1b:a9:12:34:56`. */
  mac: string | null;
  firmware: string | null;
  hostname: string | null;
  location: string | null;
  contact: string | null;
  sysObjectId: string | null;
  sysDescr: string | null;
  uptimeSeconds: number | null;
};

export type Counters = Partial<Record<CanonicalCounter, number>> & {
  /** Vendor counters with no canonical name, keyed `vendor.name` (e.g. `kyocera.printerBlackA3`). */
  extra: Record<string, number>;
};

export type { SupplyType } from '@printbeat/domain';

/** `level` state: see SUPPLY_LEVEL_STATES in @printbeat/domain (RFC 3805 special values). */
export type { SupplyLevelState } from '@printbeat/domain';

export type Supply = {
  /** prtMarkerSuppliesIndex (`hrDeviceIndex.supplyIndex`) or a vendor key. */
  index: string;
  description: string;
  type: SupplyType;
  /** Normalised colour name: black, cyan, magenta, yellow, … or null when none applies. */
  color: string | null;
  level: number | null;
  maxCapacity: number | null;
  /** 0..100, only when level and maxCapacity are both real. */
  percent: number | null;
  state: SupplyLevelState;
  partNumber: string | null;
  /** The cartridge's own serial where the device reports one (tells a swap from a refill). */
  serialNumber?: string | null;
};

export type { PrinterError } from '@printbeat/domain';

export type DeviceStatus = {
  /** hrPrinterStatus: other, unknown, idle, printing, warmup. */
  printer: PrinterState | null;
  /** hrDeviceStatus: unknown, running, warning, testing, down. */
  device: DeviceState | null;
  errors: PrinterError[];
};

export type { AlertSeverity } from '@printbeat/domain';

export type Alert = {
  index: string;
  severity: AlertSeverity;
  /** prtAlertGroup name, e.g. `input`, `marker`, `markerSupplies`, `cover`. */
  group: string;
  /** prtAlertCode name, e.g. `jam`, `doorOpen`, `markerTonerEmpty`; `other` when unknown. */
  code: string;
  description: string;
  /** prtAlertTrainingLevel (RFC 3805), null when the device does not say. */
  trainingLevel?: AlertTrainingLevel | null;
};

/** Everything one full poll of a printer yields, decoded from its variable bindings. */
export type DeviceSnapshot = {
  identity: Identity;
  counters: Counters;
  supplies: Supply[];
  status: DeviceStatus;
  alerts: Alert[];
  console: string | null;
};
