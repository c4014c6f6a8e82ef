import type { DeviceIdentity, Reading } from './payload.types.js';

/**
 * The parts of a `@printbeat/printer-mib` DeviceSnapshot that a reading carries. Declared
 * structurally so this lib does not depend on printer-mib; a DeviceSnapshot fits as it is.
 */
export type ReadingSource = Omit<Reading, 'takenAt'>;

/** A reading from a snapshot, copying only the reading fields (extra snapshot fields would not survive a round trip). */
export function readingFrom(snapshot: ReadingSource, takenAt: Date | string): Reading {
  return {
    takenAt: typeof takenAt === 'string' ? takenAt : takenAt.toISOString(),
    counters: snapshot.counters,
    supplies: snapshot.supplies,
    status: snapshot.status,
    alerts: snapshot.alerts,
    console: snapshot.console,
  };
}

/** The payload identity from a snapshot identity plus what only the agent knows (address polled, asset tag). */
export function identityFrom(
  identity: Omit<DeviceIdentity, 'ip' | 'assetTag'>,
  extra: { ip: string | null; assetTag?: string | null },
): DeviceIdentity {
  return {
    manufacturer: identity.manufacturer,
    model: identity.model,
    serial: identity.serial,
    mac: identity.mac,
    ip: extra.ip,
    hostname: identity.hostname,
    firmware: identity.firmware,
    location: identity.location,
    contact: identity.contact,
    assetTag: extra.assetTag ?? null,
    sysObjectId: identity.sysObjectId,
    sysDescr: identity.sysDescr,
    uptimeSeconds: identity.uptimeSeconds,
  };
}
