import type { DeviceRetiredFilter, DeviceStatus } from '../../generated/graphql';

export const RETIRED_OPTIONS: ReadonlyArray<{ value: DeviceRetiredFilter; label: string }> = [
  { value: 'HIDE', label: 'Hidden' },
  { value: 'SHOW', label: 'Shown too' },
  { value: 'ONLY', label: 'Only retired' },
];

export function retiredFilterOf(value: string): DeviceRetiredFilter {
  return RETIRED_OPTIONS.find((option) => option.value === value)?.value ?? 'HIDE';
}

export const STATUS_OPTIONS: ReadonlyArray<{ value: DeviceStatus; label: string }> = [
  { value: 'OK', label: 'OK' },
  { value: 'WARNING', label: 'Warning' },
  { value: 'ERROR', label: 'Error' },
  { value: 'OFFLINE', label: 'Offline' },
  { value: 'NOT_SEEN_RECENTLY', label: 'Not seen recently' },
];

export function statusLabel(status: DeviceStatus): string {
  return STATUS_OPTIONS.find((option) => option.value === status)?.label ?? status;
}

export function statusBadgeClass(status: DeviceStatus): string {
  switch (status) {
    case 'OK':
      return 'badge badge--ok';
    case 'WARNING':
      return 'badge';
    case 'ERROR':
    case 'OFFLINE':
      return 'badge badge--danger';
    case 'NOT_SEEN_RECENTLY':
      return 'badge badge--muted';
  }
}

export function isDeviceStatus(value: string): value is DeviceStatus {
  return STATUS_OPTIONS.some((option) => option.value === value);
}

type ModelFacet = { manufacturer: string | null; model: string | null; count: number };

/**
 * Model choices for the dropdown: those of the chosen manufacturer (compared ignoring case, as
 * the server filters), else all; one entry per model name with the devices counted together.
 */
export function modelOptions(
  models: readonly ModelFacet[],
  manufacturer: string,
): Array<{ model: string; count: number }> {
  const wanted = manufacturer.toLowerCase();
  const byName = new Map<string, { model: string; count: number }>();
  for (const facet of models) {
    if (facet.model === null) continue;
    if (wanted !== '' && (facet.manufacturer ?? '').toLowerCase() !== wanted) continue;
    const key = facet.model.toLowerCase();
    const seen = byName.get(key);
    if (seen) seen.count += facet.count;
    else byName.set(key, { model: facet.model, count: facet.count });
  }
  return [...byName.values()].sort((a, b) =>
    a.model.localeCompare(b.model, 'en', { sensitivity: 'base' }),
  );
}
