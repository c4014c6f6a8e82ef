import type {
  CommandResult,
  DeviceIdentity,
  DevicePayload,
  DiscoveryResult,
  Reading,
  UploadPayload,
} from '@printbeat/payload';
import type { Masker } from './masker.js';

/**
 * The upload as it may leave the site: every address, MAC, host name, sysContact/sysLocation
 * and every IP, MAC or host name inside free text masked as the policy says. The one place
 * every upload passes through before it is signed and spooled.
 *
 * A withheld address becomes `withheld-N`, unique within the upload (the format needs an
 * address per device, discovered host and unreachable printer); a hashed one its token, the
 * same every time, so central finds an unreachable printer by the token it stored.
 */
export function maskPayload(payload: UploadPayload, masker: Masker): UploadPayload {
  if (masker.sendsEverything) return payload;
  const placeholders = new Placeholders(payload, masker);
  return {
    ...payload,
    devices: payload.devices.map((device) => maskDevice(device, masker, placeholders)),
    ...(payload.discovery
      ? {
          discovery: payload.discovery.map((host) =>
            maskDiscoveryResult(host, masker, placeholders),
          ),
        }
      : {}),
    ...(payload.unreachable
      ? {
          unreachable: payload.unreachable.map((printer) => ({
            ...printer,
            address: placeholders.addressOf(printer.address),
          })),
        }
      : {}),
    ...(payload.commandResults
      ? {
          commandResults: payload.commandResults.map((result): CommandResult => ({
            ...result,
            message: masker.text(result.message),
          })),
        }
      : {}),
  };
}

function maskDevice(
  device: DevicePayload,
  masker: Masker,
  placeholders: Placeholders,
): DevicePayload {
  const names = [device.identity.hostname, isHostName(device.address) ? device.address : null];
  return {
    ...device,
    address: placeholders.addressOf(device.address),
    identity: maskIdentity(device.identity, masker, names),
    readings: device.readings.map((reading) => maskReading(reading, masker, names)),
  };
}

function maskIdentity(
  identity: DeviceIdentity,
  masker: Masker,
  names: readonly (string | null)[],
): DeviceIdentity {
  const ip = masker.split('ip', identity.ip);
  const mac = masker.split('mac', identity.mac);
  const masked: DeviceIdentity = {
    ...identity,
    ip: ip.plain,
    mac: mac.plain,
    hostname: masker.value('host', identity.hostname),
    location: masker.value('location', identity.location),
    contact: masker.value('contact', identity.contact),
    sysDescr: masker.text(identity.sysDescr, names),
  };
  if (ip.hash) masked.ipHash = ip.hash;
  if (mac.hash) masked.macHash = mac.hash;
  return masked;
}

function maskReading(reading: Reading, masker: Masker, names: readonly (string | null)[]): Reading {
  return {
    ...reading,
    console: masker.text(reading.console, names),
    alerts: reading.alerts.map((alert) => ({
      ...alert,
      description: masker.text(alert.description, names) ?? '',
    })),
  };
}

function maskDiscoveryResult(
  host: DiscoveryResult,
  masker: Masker,
  placeholders: Placeholders,
): DiscoveryResult {
  const mac = masker.split('mac', host.mac);
  const names = [isHostName(host.address) ? host.address : null];
  const masked: DiscoveryResult = {
    ...host,
    address: placeholders.addressOf(host.address),
    mac: mac.plain,
    sysDescr: masker.text(host.sysDescr, names),
  };
  if (mac.hash) masked.macHash = mac.hash;
  return masked;
}

/** Addresses within one upload: masked ones as they are, withheld ones numbered, never clashing. */
class Placeholders {
  private readonly taken = new Set<string>();
  private readonly byAddress = new Map<string, string>();
  private next = 1;

  constructor(
    payload: UploadPayload,
    private readonly masker: Masker,
  ) {
    for (const address of [
      ...payload.devices.map((device) => device.address),
      ...(payload.discovery ?? []).map((host) => host.address),
      ...(payload.unreachable ?? []).map((printer) => printer.address),
    ]) {
      const masked = masker.address(address);
      if (masked !== null) this.taken.add(masked.toLowerCase());
    }
  }

  addressOf(address: string): string {
    const masked = this.masker.address(address);
    if (masked !== null) return masked;
    const key = address.toLowerCase();
    const known = this.byAddress.get(key);
    if (known) return known;
    let placeholder: string;
    do placeholder = `withheld-${this.next++}`;
    while (this.taken.has(placeholder));
    this.taken.add(placeholder);
    this.byAddress.set(key, placeholder);
    return placeholder;
  }
}

function isHostName(address: string): boolean {
  return !/^[0-9.:]+$/.test(address) && !address.includes(':');
}
