import { isIP } from 'node:net';
import type {
  DevicePayload,
  DiscoveryResult,
  UploadPayload,
  CommandResult,
  UnreachablePrinter,
  UploadKind,
} from '@printbeat/payload';
import { identityFrom, PAYLOAD_VERSION, readingFrom } from '@printbeat/payload';
import type { DiscoveredDevice } from '../discovery/discover.js';
import type { PollResult } from '../polling/poll-result.js';
import { AGENT_VERSION } from '../version.js';

/**
 * One reading of one device for the upload, or null when the poll did not complete: a device
 * that did not answer, or answered only in part, yields no reading (never half a counter set).
 */
export function toDevicePayload(result: PollResult, takenAt: Date): DevicePayload | null {
  if (!result.reachable || result.error || !result.identity || !result.counters || !result.status)
    return null;
  const snapshot = { ...result, counters: result.counters, status: result.status };
  return {
    address: result.address,
    identity: identityFrom(result.identity, { ip: isIP(result.address) ? result.address : null }),
    readings: [readingFrom(snapshot, takenAt)],
  };
}

export function toDiscoveryResult(device: DiscoveredDevice, discoveredAt: Date): DiscoveryResult {
  return {
    address: device.address,
    discoveredAt: discoveredAt.toISOString(),
    isPrinter: device.isPrinter,
    sysObjectId: device.sysObjectId,
    sysDescr: device.sysDescr,
    manufacturer: device.manufacturer,
    model: device.model,
    serial: device.serial,
    mac: device.mac,
  };
}

export function buildUploadPayload(input: {
  uploadId: string;
  agentId: string;
  createdAt: Date;
  devices: DevicePayload[];
  discovery?: DiscoveryResult[];
  commandResults?: CommandResult[];
  kind?: UploadKind;
  unreachable?: UnreachablePrinter[];
}): UploadPayload {
  return {
    version: PAYLOAD_VERSION,
    ...(input.kind ? { kind: input.kind } : {}),
    uploadId: input.uploadId,
    agentId: input.agentId,
    agentVersion: AGENT_VERSION,
    createdAt: input.createdAt.toISOString(),
    devices: input.devices,
    ...(input.discovery?.length ? { discovery: input.discovery } : {}),
    ...(input.commandResults?.length ? { commandResults: input.commandResults } : {}),
    ...(input.unreachable?.length ? { unreachable: input.unreachable } : {}),
  };
}
