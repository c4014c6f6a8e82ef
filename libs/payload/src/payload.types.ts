import type { CanonicalCounter } from '@printbeat/domain';
import type {
  AlertSeverity,
  AlertTrainingLevel,
  DeviceState,
  PrinterError,
  PrinterState,
  SupplyLevelState,
  SupplyType,
} from '@printbeat/domain';

/**
 * The upload format, version 2 (version 1 without a supply's `serialNumber` is still read).
 * These types mirror the device snapshot of
 * `@printbeat/printer-mib` field for field (without depending on it), so the agent can put a
 * snapshot into a reading as it is: `{ takenAt, ...snapshotWithoutIdentity }`.
 * Absent values are `null`, never `undefined`, so a payload survives build → parse unchanged.
 */
export const PAYLOAD_VERSION = 2;
/** Every version a reader accepts; agents write `PAYLOAD_VERSION`. */
export const PAYLOAD_VERSIONS = [1, 2] as const;
export type PayloadVersion = (typeof PAYLOAD_VERSIONS)[number];

export function isPayloadVersion(value: unknown): value is PayloadVersion {
  return PAYLOAD_VERSIONS.some((version) => version === value);
}

export {
  ALERT_SEVERITIES,
  ALERT_TRAINING_LEVELS,
  type AlertTrainingLevel,
  DEVICE_STATES,
  PRINTER_ERRORS,
  PRINTER_STATES,
  SUPPLY_LEVEL_STATES,
  SUPPLY_TYPES,
  type AlertSeverity,
  type DeviceState,
  type PrinterError,
  type PrinterState,
  type SupplyLevelState,
  type SupplyType,
} from '@printbeat/domain';

export const COMMAND_RESULT_STATUSES = ['SUCCEEDED', 'FAILED', 'REFUSED'] as const;
export type CommandResultStatus = (typeof COMMAND_RESULT_STATUSES)[number];

export type DeviceIdentity = {
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  /** Lower-case, colon-separated. */
  mac: string | null;
  /** The address the device answered on, when it is an IP literal. */
  ip: string | null;
  hostname: string | null;
  firmware: string | null;
  location: string | null;
  contact: string | null;
  assetTag: string | null;
  /** Dotted numeric OID without a leading dot. */
  sysObjectId: string | null;
  sysDescr: string | null;
  uptimeSeconds: number | null;
};

/** Page counters: canonical names, plus vendor counters keyed `vendor.name`. Non-negative integers. */
export type ReadingCounters = Partial<Record<CanonicalCounter, number>> & {
  extra: Record<string, number>;
};

export type SupplyReading = {
  /** prtMarkerSuppliesIndex (`hrDeviceIndex.supplyIndex`) or a vendor key. */
  index: string;
  description: string;
  type: SupplyType;
  color: string | null;
  /** Null when the device gave a special value (see `state`) or none. */
  level: number | null;
  maxCapacity: number | null;
  /** 0..100, only when level and maxCapacity are both real. */
  percent: number | null;
  state: SupplyLevelState;
  partNumber: string | null;
  /** The cartridge's own serial where the device reports one (version 2 on). */
  serialNumber?: string | null;
};

export type StatusReading = {
  printer: PrinterState | null;
  device: DeviceState | null;
  errors: PrinterError[];
};

export type AlertReading = {
  index: string;
  severity: AlertSeverity;
  group: string;
  code: string;
  description: string;
  /** prtAlertTrainingLevel (RFC 3805) where the device gives one (version 2 on). */
  trainingLevel?: AlertTrainingLevel | null;
};

export type Reading = {
  /** ISO 8601 with a zone, e.g. `2026-03-01T12:00:00.000Z`. */
  takenAt: string;
  counters: ReadingCounters;
  supplies: SupplyReading[];
  status: StatusReading;
  alerts: AlertReading[];
  console: string | null;
};

export type DevicePayload = {
  /** IP address or host name the agent polls the device at. */
  address: string;
  identity: DeviceIdentity;
  readings: Reading[];
};

/** One host that answered SNMP during a discovery sweep (printers and, flagged, non-printers). */
export type DiscoveryResult = {
  address: string;
  discoveredAt: string;
  isPrinter: boolean;
  sysObjectId: string | null;
  sysDescr: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  mac: string | null;
};

export type CommandResult = {
  commandId: string;
  status: CommandResultStatus;
  finishedAt: string;
  message: string | null;
};

/**
 * Why the agent sent an upload: absent for its scheduled collections (the full record), `event`
 * for the small upload it sends within a minute of a change (version 2 on). An event reading
 * carries status, alerts and supplies but no counters (meters keep their own schedule).
 */
export const UPLOAD_KINDS = ['event'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** A known printer that did not answer the agent's status polls (version 2 on). */
export type UnreachablePrinter = {
  /** The address the agent polls it at, as in `device@address`. */
  address: string;
  /** When it first did not answer. */
  since: string;
};

export type UploadPayload = {
  version: PayloadVersion;
  kind?: UploadKind;
  /** UUID chosen by the agent; central is idempotent on it. */
  uploadId: string;
  agentId: string;
  agentVersion: string;
  createdAt: string;
  devices: DevicePayload[];
  discovery?: DiscoveryResult[];
  commandResults?: CommandResult[];
  unreachable?: UnreachablePrinter[];
};
