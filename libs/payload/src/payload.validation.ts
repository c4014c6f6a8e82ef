import { isIP } from 'node:net';
import { CANONICAL_COUNTERS } from '@printbeat/domain';
import { excerpt, PayloadError } from './payload.errors.js';
import type { PayloadLimits } from './payload.limits.js';
import {
  ALERT_SEVERITIES,
  ALERT_TRAINING_LEVELS,
  COMMAND_RESULT_STATUSES,
  DEVICE_STATES,
  isPayloadVersion,
  PAYLOAD_VERSION,
  PAYLOAD_VERSIONS,
  type PayloadVersion,
  PRINTER_ERRORS,
  PRINTER_STATES,
  SUPPLY_LEVEL_STATES,
  SUPPLY_TYPES,
  type AlertReading,
  type CommandResult,
  type DeviceIdentity,
  type DevicePayload,
  type DiscoveryResult,
  type Reading,
  type StatusReading,
  type SupplyReading,
  type UnreachablePrinter,
  UPLOAD_KINDS,
  type UploadPayload,
} from './payload.types.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const AGENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}((:[0-9a-f]{2}){2})?$/;
const OID = /^[0-2](\.(0|[1-9]\d{0,9})){1,127}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;
const EXTRA_COUNTER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const CANONICAL = new Set<string>(CANONICAL_COUNTERS);

/**
 * Checks a payload against the version 1 rules. Used by the builder (the agent never spools
 * what central would refuse) and by the parser after shapes are read. Throws the first
 * violation, with its path.
 */
export function assertValidPayload(payload: UploadPayload, limits: PayloadLimits): void {
  new PayloadValidator(limits).upload(payload);
}

class PayloadValidator {
  private version: PayloadVersion = PAYLOAD_VERSION;

  constructor(private readonly limits: PayloadLimits) {}

  upload(payload: UploadPayload): void {
    if (!isRecord(payload)) fail('', 'must be an object');
    if (!isPayloadVersion(payload.version)) {
      throw new PayloadError(
        'UNSUPPORTED_VERSION',
        `Only payload versions ${PAYLOAD_VERSIONS.join(', ')} are supported`,
        'version',
      );
    }
    this.version = payload.version;
    if (typeof payload.uploadId !== 'string' || !UUID.test(payload.uploadId))
      fail('uploadId', 'must be a UUID');
    if (typeof payload.agentId !== 'string' || !AGENT_ID.test(payload.agentId))
      fail('agentId', `must match ${AGENT_ID.source}`);
    this.text('agentVersion', payload.agentVersion, { max: 64, nonEmpty: true });
    timestamp('createdAt', payload.createdAt);
    if (payload.kind !== undefined) {
      this.needsVersion2('kind');
      oneOf('kind', payload.kind, UPLOAD_KINDS);
    }
    this.list('devices', payload.devices, this.limits.maxDevices);
    const addresses = new Set<string>();
    payload.devices.forEach((device, index) => {
      const path = `devices[${index}]`;
      this.device(path, device);
      if (addresses.has(device.address.toLowerCase()))
        fail(`${path}.address`, `duplicate device address ${excerpt(device.address)}`);
      addresses.add(device.address.toLowerCase());
    });
    if (payload.discovery !== undefined) {
      this.list('discovery', payload.discovery, this.limits.maxDiscoveryResults);
      payload.discovery.forEach((result, index) => this.discovery(`discovery[${index}]`, result));
    }
    if (payload.commandResults !== undefined) {
      this.list('commandResults', payload.commandResults, this.limits.maxCommandResults);
      payload.commandResults.forEach((result, index) =>
        this.commandResult(`commandResults[${index}]`, result),
      );
    }
    if (payload.unreachable !== undefined) {
      this.needsVersion2('unreachable');
      this.list('unreachable', payload.unreachable, this.limits.maxDevices);
      const seen = new Set<string>();
      payload.unreachable.forEach((printer, index) => {
        const path = `unreachable[${index}]`;
        this.unreachablePrinter(path, printer);
        const key = printer.address.toLowerCase();
        if (seen.has(key) || addresses.has(key))
          fail(`${path}.address`, `${excerpt(printer.address)} is listed twice in the upload`);
        seen.add(key);
      });
    }
  }

  private needsVersion2(path: string): void {
    if (this.version < 2) fail(path, 'needs payload version 2');
  }

  private unreachablePrinter(path: string, printer: UnreachablePrinter): void {
    if (!isRecord(printer)) fail(path, 'must be an object');
    address(`${path}.address`, printer.address);
    timestamp(`${path}.since`, printer.since);
  }

  private device(path: string, device: DevicePayload): void {
    if (!isRecord(device)) fail(path, 'must be an object');
    address(`${path}.address`, device.address);
    this.identity(`${path}.identity`, device.identity);
    this.list(`${path}.readings`, device.readings, this.limits.maxReadingsPerDevice);
    if (device.readings.length === 0)
      fail(`${path}.readings`, 'a device needs at least one reading');
    device.readings.forEach((reading, index) =>
      this.reading(`${path}.readings[${index}]`, reading),
    );
  }

  private identity(path: string, identity: DeviceIdentity): void {
    if (!isRecord(identity)) fail(path, 'must be an object');
    for (const field of [
      'manufacturer',
      'model',
      'serial',
      'hostname',
      'firmware',
      'contact',
      'assetTag',
    ] as const) {
      this.nullableText(`${path}.${field}`, identity[field], this.limits.maxShortTextLength);
    }
    for (const field of ['location', 'sysDescr'] as const) {
      this.nullableText(`${path}.${field}`, identity[field], this.limits.maxTextLength);
    }
    nullablePattern(`${path}.mac`, identity.mac, MAC, 'a lower-case colon-separated MAC address');
    nullablePattern(`${path}.sysObjectId`, identity.sysObjectId, OID, 'a dotted numeric OID');
    if (identity.ip !== null && (typeof identity.ip !== 'string' || isIP(identity.ip) === 0))
      fail(`${path}.ip`, 'must be an IP address or null');
    if (identity.uptimeSeconds !== null)
      nonNegativeInteger(`${path}.uptimeSeconds`, identity.uptimeSeconds);
  }

  private reading(path: string, reading: Reading): void {
    if (!isRecord(reading)) fail(path, 'must be an object');
    timestamp(`${path}.takenAt`, reading.takenAt);
    this.counters(`${path}.counters`, reading.counters);
    this.list(`${path}.supplies`, reading.supplies, this.limits.maxSuppliesPerReading);
    const supplyIndexes = new Set<string>();
    reading.supplies.forEach((supply, index) => {
      this.supply(`${path}.supplies[${index}]`, supply);
      if (supplyIndexes.has(supply.index))
        fail(`${path}.supplies[${index}].index`, `duplicate supply index ${excerpt(supply.index)}`);
      supplyIndexes.add(supply.index);
    });
    status(`${path}.status`, reading.status);
    this.list(`${path}.alerts`, reading.alerts, this.limits.maxAlertsPerReading);
    reading.alerts.forEach((alert, index) => this.alert(`${path}.alerts[${index}]`, alert));
    this.nullableText(`${path}.console`, reading.console, this.limits.maxConsoleLength);
  }

  private counters(path: string, counters: Reading['counters']): void {
    if (!isRecord(counters)) fail(path, 'must be an object');
    for (const [name, value] of Object.entries(counters)) {
      if (name === 'extra') continue;
      if (!CANONICAL.has(name))
        fail(
          `${path}.${excerpt(name)}`,
          'is not a canonical counter (vendor counters go in extra)',
        );
      nonNegativeInteger(`${path}.${name}`, value);
    }
    if (!isRecord(counters.extra)) fail(`${path}.extra`, 'must be an object');
    const extra = Object.entries(counters.extra);
    if (extra.length > this.limits.maxExtraCounters) {
      throw new PayloadError(
        'LIMIT_EXCEEDED',
        `at most ${this.limits.maxExtraCounters} vendor counters`,
        `${path}.extra`,
      );
    }
    for (const [name, value] of extra) {
      if (!EXTRA_COUNTER.test(name))
        fail(`${path}.extra.${excerpt(name)}`, `counter name must match ${EXTRA_COUNTER.source}`);
      nonNegativeInteger(`${path}.extra.${name}`, value);
    }
  }

  private supply(path: string, supply: SupplyReading): void {
    if (!isRecord(supply)) fail(path, 'must be an object');
    this.text(`${path}.index`, supply.index, {
      max: this.limits.maxShortTextLength,
      nonEmpty: true,
    });
    this.text(`${path}.description`, supply.description, { max: this.limits.maxTextLength });
    oneOf(`${path}.type`, supply.type, SUPPLY_TYPES);
    oneOf(`${path}.state`, supply.state, SUPPLY_LEVEL_STATES);
    this.nullableText(`${path}.color`, supply.color, this.limits.maxShortTextLength);
    this.nullableText(`${path}.partNumber`, supply.partNumber, this.limits.maxShortTextLength);
    if (supply.serialNumber !== undefined && this.version < 2)
      fail(`${path}.serialNumber`, 'needs payload version 2');
    if (supply.serialNumber !== undefined)
      this.nullableText(
        `${path}.serialNumber`,
        supply.serialNumber,
        this.limits.maxShortTextLength,
      );
    // RFC 3805's -1/-2/-3 are states, not amounts: they travel in `state`, with level null.
    if (supply.level !== null) nonNegativeInteger(`${path}.level`, supply.level);
    if (supply.maxCapacity !== null) nonNegativeInteger(`${path}.maxCapacity`, supply.maxCapacity);
    if (supply.percent !== null) {
      if (
        typeof supply.percent !== 'number' ||
        !Number.isFinite(supply.percent) ||
        supply.percent < 0 ||
        supply.percent > 100
      ) {
        fail(`${path}.percent`, 'must be a number from 0 to 100 or null');
      }
    }
  }

  private alert(path: string, alert: AlertReading): void {
    if (!isRecord(alert)) fail(path, 'must be an object');
    this.text(`${path}.index`, alert.index, {
      max: this.limits.maxShortTextLength,
      nonEmpty: true,
    });
    oneOf(`${path}.severity`, alert.severity, ALERT_SEVERITIES);
    this.text(`${path}.group`, alert.group, {
      max: this.limits.maxShortTextLength,
      nonEmpty: true,
    });
    this.text(`${path}.code`, alert.code, { max: this.limits.maxShortTextLength, nonEmpty: true });
    this.text(`${path}.description`, alert.description, { max: this.limits.maxTextLength });
    if (alert.trainingLevel !== undefined && this.version < 2)
      fail(`${path}.trainingLevel`, 'needs payload version 2');
    if (alert.trainingLevel !== undefined && alert.trainingLevel !== null)
      oneOf(`${path}.trainingLevel`, alert.trainingLevel, ALERT_TRAINING_LEVELS);
  }

  private discovery(path: string, result: DiscoveryResult): void {
    if (!isRecord(result)) fail(path, 'must be an object');
    address(`${path}.address`, result.address);
    timestamp(`${path}.discoveredAt`, result.discoveredAt);
    if (typeof result.isPrinter !== 'boolean') fail(`${path}.isPrinter`, 'must be a boolean');
    nullablePattern(`${path}.sysObjectId`, result.sysObjectId, OID, 'a dotted numeric OID');
    nullablePattern(`${path}.mac`, result.mac, MAC, 'a lower-case colon-separated MAC address');
    this.nullableText(`${path}.sysDescr`, result.sysDescr, this.limits.maxTextLength);
    for (const field of ['manufacturer', 'model', 'serial'] as const) {
      this.nullableText(`${path}.${field}`, result[field], this.limits.maxShortTextLength);
    }
  }

  private commandResult(path: string, result: CommandResult): void {
    if (!isRecord(result)) fail(path, 'must be an object');
    this.text(`${path}.commandId`, result.commandId, { max: 64, nonEmpty: true });
    oneOf(`${path}.status`, result.status, COMMAND_RESULT_STATUSES);
    timestamp(`${path}.finishedAt`, result.finishedAt);
    this.nullableText(`${path}.message`, result.message, this.limits.maxTextLength);
  }

  private list(path: string, value: unknown, max: number): void {
    if (!Array.isArray(value)) fail(path, 'must be a list');
    if (value.length > max)
      throw new PayloadError('LIMIT_EXCEEDED', `at most ${max} entries, got ${value.length}`, path);
  }

  private text(path: string, value: unknown, rule: { max: number; nonEmpty?: boolean }): void {
    if (typeof value !== 'string') fail(path, 'must be a string');
    if (rule.nonEmpty && value.length === 0) fail(path, 'must not be empty');
    if (value.length > rule.max) fail(path, `longer than ${rule.max} characters`);
  }

  private nullableText(path: string, value: unknown, max: number): void {
    if (value !== null) this.text(path, value, { max });
  }
}

function fail(path: string, message: string): never {
  throw new PayloadError('SCHEMA_VIOLATION', message, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timestamp(path: string, value: unknown): void {
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    fail(path, 'must be an ISO 8601 timestamp with a zone');
  }
}

function address(path: string, value: unknown): void {
  if (typeof value !== 'string' || (isIP(value) === 0 && !HOST_NAME.test(value))) {
    fail(path, 'must be an IP address or a host name');
  }
}

function nonNegativeInteger(path: string, value: unknown): void {
  integer(path, value, 0);
}

function integer(path: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'must be an integer');
  if (value < min) fail(path, `must be at least ${min}`);
  if (value > Number.MAX_SAFE_INTEGER) fail(path, 'exceeds 2^53-1 and cannot be carried exactly');
}

function oneOf(path: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value))
    fail(path, `must be one of ${allowed.join(', ')}`);
}

function nullablePattern(path: string, value: unknown, pattern: RegExp, what: string): void {
  if (value !== null && (typeof value !== 'string' || !pattern.test(value)))
    fail(path, `must be ${what} or null`);
}

function status(path: string, value: StatusReading): void {
  if (!isRecord(value)) fail(path, 'must be an object');
  if (value.printer !== null) oneOf(`${path}.printer`, value.printer, PRINTER_STATES);
  if (value.device !== null) oneOf(`${path}.device`, value.device, DEVICE_STATES);
  if (!Array.isArray(value.errors)) fail(`${path}.errors`, 'must be a list');
  const seen = new Set<string>();
  value.errors.forEach((error, index) => {
    oneOf(`${path}.errors[${index}]`, error, PRINTER_ERRORS);
    if (seen.has(error)) fail(`${path}.errors[${index}]`, `duplicate error ${error}`);
    seen.add(error);
  });
}
