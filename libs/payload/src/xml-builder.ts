import { CANONICAL_COUNTERS } from '@printbeat/domain';
import { resolveLimits, type PayloadLimits } from './payload.limits.js';
import type {
  DeviceIdentity,
  DevicePayload,
  DiscoveryResult,
  Reading,
  UploadPayload,
} from './payload.types.js';
import { assertValidPayload } from './payload.validation.js';
import { escapeAttribute, escapeText } from './xml-text.js';

export const PAYLOAD_NAMESPACE = 'urn:printbeat:upload';

/** Identity fields in document order; numbers are written as decimal integers. */
export const IDENTITY_FIELDS = [
  'manufacturer',
  'model',
  'serial',
  'mac',
  'ip',
  'hostname',
  'firmware',
  'location',
  'contact',
  'assetTag',
  'sysObjectId',
  'sysDescr',
  'uptimeSeconds',
] as const satisfies readonly (keyof DeviceIdentity)[];

export const DISCOVERY_FIELDS = [
  'sysObjectId',
  'sysDescr',
  'manufacturer',
  'model',
  'serial',
  'mac',
] as const satisfies readonly (keyof DiscoveryResult)[];

/**
 * Serialises a payload after validating it with the same rules as the parser. Null fields are
 * left out; text XML cannot carry (raw control bytes from SNMP) becomes U+FFFD.
 */
export function buildPayloadXml(
  payload: UploadPayload,
  options: { limits?: Partial<PayloadLimits> } = {},
): string {
  assertValidPayload(payload, resolveLimits(options.limits));
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const kind = payload.kind === undefined ? '' : ` kind="${payload.kind}"`;
  out.push(`<upload xmlns="${PAYLOAD_NAMESPACE}" version="${payload.version}"${kind}>\n`);
  out.push(leaf(1, 'uploadId', payload.uploadId));
  out.push(leaf(1, 'agentId', payload.agentId));
  out.push(leaf(1, 'agentVersion', payload.agentVersion));
  out.push(leaf(1, 'createdAt', payload.createdAt));
  out.push(open(1, 'devices', {}, payload.devices.length === 0));
  for (const device of payload.devices) writeDevice(out, device);
  if (payload.devices.length > 0) out.push(close(1, 'devices'));
  if (payload.discovery !== undefined) {
    out.push(open(1, 'discovery', {}, payload.discovery.length === 0));
    for (const host of payload.discovery) {
      out.push(
        open(2, 'host', {
          address: host.address,
          discoveredAt: host.discoveredAt,
          printer: String(host.isPrinter),
        }),
      );
      for (const field of DISCOVERY_FIELDS) out.push(optionalLeaf(3, field, host[field]));
      out.push(close(2, 'host'));
    }
    if (payload.discovery.length > 0) out.push(close(1, 'discovery'));
  }
  if (payload.commandResults !== undefined) {
    out.push(open(1, 'commandResults', {}, payload.commandResults.length === 0));
    for (const result of payload.commandResults) {
      const attributes = {
        commandId: result.commandId,
        status: result.status,
        finishedAt: result.finishedAt,
      };
      if (result.message === null) {
        out.push(open(2, 'commandResult', attributes, true));
      } else {
        out.push(open(2, 'commandResult', attributes));
        out.push(leaf(3, 'message', result.message));
        out.push(close(2, 'commandResult'));
      }
    }
    if (payload.commandResults.length > 0) out.push(close(1, 'commandResults'));
  }
  if (payload.unreachable !== undefined) {
    out.push(open(1, 'unreachable', {}, payload.unreachable.length === 0));
    for (const printer of payload.unreachable)
      out.push(open(2, 'printer', { address: printer.address, since: printer.since }, true));
    if (payload.unreachable.length > 0) out.push(close(1, 'unreachable'));
  }
  out.push('</upload>\n');
  return out.join('');
}

function writeDevice(out: string[], device: DevicePayload): void {
  out.push(open(2, 'device', { address: device.address }));
  out.push(open(3, 'identity'));
  for (const field of IDENTITY_FIELDS) out.push(optionalLeaf(4, field, device.identity[field]));
  out.push(close(3, 'identity'));
  out.push(open(3, 'readings'));
  for (const reading of device.readings) writeReading(out, reading);
  out.push(close(3, 'readings'));
  out.push(close(2, 'device'));
}

function writeReading(out: string[], reading: Reading): void {
  out.push(open(4, 'reading', { takenAt: reading.takenAt }));

  const extra = Object.entries(reading.counters.extra);
  const canonical = CANONICAL_COUNTERS.flatMap((name) => {
    const value = reading.counters[name];
    return value === undefined ? [] : [[name, value] as const];
  });
  out.push(open(5, 'counters', {}, canonical.length + extra.length === 0));
  for (const [name, value] of canonical) out.push(leaf(6, 'counter', String(value), { name }));
  for (const [name, value] of extra) out.push(leaf(6, 'extra', String(value), { name }));
  if (canonical.length + extra.length > 0) out.push(close(5, 'counters'));

  out.push(open(5, 'supplies', {}, reading.supplies.length === 0));
  for (const supply of reading.supplies) {
    out.push(open(6, 'supply', { index: supply.index, type: supply.type, state: supply.state }));
    out.push(leaf(7, 'description', supply.description));
    out.push(optionalLeaf(7, 'color', supply.color));
    out.push(optionalLeaf(7, 'level', supply.level));
    out.push(optionalLeaf(7, 'maxCapacity', supply.maxCapacity));
    out.push(optionalLeaf(7, 'percent', supply.percent));
    out.push(optionalLeaf(7, 'partNumber', supply.partNumber));
    out.push(optionalLeaf(7, 'serialNumber', supply.serialNumber ?? null));
    out.push(close(6, 'supply'));
  }
  if (reading.supplies.length > 0) out.push(close(5, 'supplies'));

  const statusAttributes: Record<string, string> = {};
  if (reading.status.printer !== null) statusAttributes['printer'] = reading.status.printer;
  if (reading.status.device !== null) statusAttributes['device'] = reading.status.device;
  out.push(open(5, 'status', statusAttributes, reading.status.errors.length === 0));
  for (const error of reading.status.errors) out.push(leaf(6, 'error', error));
  if (reading.status.errors.length > 0) out.push(close(5, 'status'));

  out.push(open(5, 'alerts', {}, reading.alerts.length === 0));
  for (const alert of reading.alerts) {
    out.push(
      leaf(6, 'alert', alert.description, {
        index: alert.index,
        severity: alert.severity,
        group: alert.group,
        code: alert.code,
        ...(alert.trainingLevel ? { trainingLevel: alert.trainingLevel } : {}),
      }),
    );
  }
  if (reading.alerts.length > 0) out.push(close(5, 'alerts'));

  out.push(optionalLeaf(5, 'console', reading.console));
  out.push(close(4, 'reading'));
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

function attributesText(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
}

function open(
  depth: number,
  name: string,
  attributes: Record<string, string> = {},
  selfClosing = false,
): string {
  return `${indent(depth)}<${name}${attributesText(attributes)}${selfClosing ? '/>' : '>'}\n`;
}

function close(depth: number, name: string): string {
  return `${indent(depth)}</${name}>\n`;
}

function leaf(
  depth: number,
  name: string,
  text: string,
  attributes: Record<string, string> = {},
): string {
  return `${indent(depth)}<${name}${attributesText(attributes)}>${escapeText(text)}</${name}>\n`;
}

function optionalLeaf(depth: number, name: string, value: string | number | null): string {
  return value === null ? '' : leaf(depth, name, String(value));
}
