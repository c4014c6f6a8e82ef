import type { Prisma } from '@prisma/client';

/**
 * A device is monitored unless a person retired it or paused its monitoring: its readings are
 * stored either way, but only a monitored device opens alerts and gets supply orders. The rule
 * in the three forms its readers need.
 */
export const MONITORED_DEVICE_WHERE = {
  retiredAt: null,
  monitoringPausedAt: null,
} as const satisfies Prisma.DeviceWhereInput;

/** The same rule as SQL on the `devices` table (no alias). */
export const MONITORED_DEVICE_SQL = 'retired_at IS NULL AND monitoring_paused_at IS NULL';

export function isMonitored(device: {
  retiredAt: Date | null;
  monitoringPausedAt: Date | null;
}): boolean {
  return device.retiredAt === null && device.monitoringPausedAt === null;
}

/** Columns a person can set that uploads would otherwise overwrite (`devices.manual_fields`). */
export const MANUAL_FIELDS = ['siteId', 'assetTag'] as const;
export type ManualField = (typeof MANUAL_FIELDS)[number];
