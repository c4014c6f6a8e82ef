import { counterSources } from '@printbeat/domain';
import type { ReadingCounters } from '@printbeat/payload';
import type { AlertDevice, DeviceCondition } from '../alerts/alerts.service.js';
import type { SightedDevice } from '../devices/device-sightings.service.js';
import type { DeviceReadings } from '../meters/meters.service.js';
import type { DeviceSupplies } from '../supplies/supply-recorder.service.js';

/** The upload a reading belongs to. */
type UploadScope = { tenantId: string; customerId: string; uploadId: string };

/** Counters as stored in meter_reads.counters: canonical names, vendor extras under `vendor:`. */
export function toCounterJson(counters: ReadingCounters): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    if (name !== 'extra' && typeof value === 'number') out[name] = value;
  }
  for (const [name, value] of Object.entries(counters.extra ?? {})) out[`vendor:${name}`] = value;
  return out;
}

/** Canonical meter → its source, as stored in meter_reads.sources (null when none is known). */
export function sourceNames(counters: ReadingCounters): Record<string, string> | null {
  const entries = Object.entries(counterSources(counters)).map(
    ([meter, found]) => [meter, found.source] as const,
  );
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

/** Each device's readings as meter reads. */
export function meterReadings(
  input: UploadScope,
  sighted: readonly SightedDevice[],
): DeviceReadings[] {
  return sighted.map((device) => ({
    device: {
      id: device.id,
      tenantId: input.tenantId,
      customerId: input.customerId,
      monitored: device.monitored,
    },
    readings: device.readings.map((reading) => ({
      readAt: new Date(reading.takenAt),
      counters: toCounterJson(reading.counters),
      sources: sourceNames(reading.counters),
      uploadId: input.uploadId,
    })),
  }));
}

export function supplyReadings(sighted: readonly SightedDevice[]): DeviceSupplies[] {
  return sighted.map((device) => ({
    deviceId: device.id,
    isNew: device.isNew,
    readings: device.readings.map((reading) => ({
      readAt: new Date(reading.takenAt),
      supplies: reading.supplies,
    })),
  }));
}

/**
 * Each monitored device's newest current reading, unless the device already showed a newer
 * status (a retired or paused device opens and closes no alerts).
 */
export function conditions(
  input: UploadScope & { agentId: string },
  sighted: readonly SightedDevice[],
): { device: AlertDevice; condition: DeviceCondition }[] {
  return sighted.flatMap((device) => {
    const newest = device.latest;
    if (!device.monitored) return [];
    if (!newest || (device.statusAtBefore?.getTime() ?? -Infinity) > Date.parse(newest.takenAt))
      return [];
    return [
      {
        device: {
          id: device.id,
          tenantId: input.tenantId,
          customerId: input.customerId,
          agentId: input.agentId,
        },
        condition: {
          at: new Date(newest.takenAt),
          errors: newest.status.errors,
          alerts: newest.alerts,
          deviceStatus: newest.status.device,
        },
      },
    ];
  });
}
