import { classifyReadingTime, type ReadingTimeBounds } from '@printbeat/domain';
import type { DevicePayload, Reading } from '@printbeat/payload';

export type CheckedReadings = {
  /** The upload's devices without their refused readings; a device left with none is dropped. */
  devices: DevicePayload[];
  history: Set<Reading>;
  refused: Date[];
};

/** Sorts every reading by its time (see `classifyReadingTime`) before anything is stored. */
export function checkReadingTimes(
  devices: readonly DevicePayload[],
  bounds: ReadingTimeBounds,
): CheckedReadings {
  const checked: CheckedReadings = { devices: [], history: new Set(), refused: [] };
  for (const device of devices) {
    const kept: Reading[] = [];
    for (const reading of device.readings) {
      const takenAt = new Date(reading.takenAt);
      const time = classifyReadingTime(takenAt, bounds);
      if (time === 'refused') {
        checked.refused.push(takenAt);
        continue;
      }
      if (time === 'history') checked.history.add(reading);
      kept.push(reading);
    }
    // A device reported only with refused readings leaves no trace (not even "seen").
    if (kept.length > 0 || device.readings.length === 0)
      checked.devices.push(
        kept.length === device.readings.length ? device : { ...device, readings: kept },
      );
  }
  return checked;
}

export function newestRefused(refused: readonly Date[]): { newestRefusedAt?: string } {
  let newest = -Infinity;
  for (const date of refused) if (date.getTime() > newest) newest = date.getTime();
  return Number.isFinite(newest) ? { newestRefusedAt: new Date(newest).toISOString() } : {};
}
