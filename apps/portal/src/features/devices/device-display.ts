import { CANONICAL_COUNTERS } from '@printbeat/domain';
import { counterDisplayName } from '@printbeat/printer-mib';
import type { SupplyLevel } from '../../shared/toner-bar';
import { supplyLevelOf } from '../../shared/toner-bar';

const VENDOR_PREFIX = /^vendor:/;

/**
 * What people call a counter of a meter read: canonical keys (`total`) and vendor extras as
 * central stores them (`vendor:kyocera.singleColor`), named by the decoders' own catalogue.
 */
export function counterLabel(key: string): string {
  const decoderKey = key.replace(VENDOR_PREFIX, '');
  return counterDisplayName(decoderKey) ?? decoderKey;
}

/** Reads one counter out of the `counters` JSON of a meter read. */
export function counterValue(counters: unknown, name: string): number | null {
  if (typeof counters !== 'object' || counters === null) return null;
  const value = (counters as Record<string, unknown>)[name];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

/** All counters of a read, canonical ones first in their usual order, then vendor extras. */
export function counterEntries(counters: unknown): Array<[string, number]> {
  if (typeof counters !== 'object' || counters === null) return [];
  const canonical: readonly string[] = CANONICAL_COUNTERS;
  const names = Object.keys(counters).sort((a, b) => {
    const ai = canonical.indexOf(a);
    const bi = canonical.indexOf(b);
    if (ai !== -1 || bi !== -1) return (ai === -1 ? 999 : ai) - (bi === -1 ? 999 : bi);
    return counterLabel(a).localeCompare(counterLabel(b));
  });
  return names.flatMap((name) => {
    const value = counterValue(counters, name);
    return value === null ? [] : [[name, value] as [string, number]];
  });
}

type SupplyLike = {
  description: string | null;
  type: string | null;
  color: string | null;
  percent: number | null;
  state: string | null;
};

/** Toner, ink and the like: what the fleet table shows as bars (drums and waste boxes are for the device page). */
export function isMarkingSupply(supply: SupplyLike): boolean {
  const what = supply.type ?? supply.description ?? '';
  return /toner|ink/i.test(what) && !/waste/i.test(what);
}

export function supplyLabel(supply: SupplyLike): string {
  return supply.description ?? ([supply.color, supply.type].filter(Boolean).join(' ') || 'Supply');
}

export function supplyLevel(supply: SupplyLike): SupplyLevel {
  return supplyLevelOf({ percent: supply.percent, state: supply.state });
}

/** A host name that names the device: not empty, not a placeholder such as `<private>`. */
export function meaningfulHostname(hostname: string | null): string | null {
  const name = hostname?.trim() ?? '';
  return name === '' || /^<.*>$/.test(name) ? null : name;
}

/**
 * A short device name for lists: the name a person gave it, else host name, else model and IP,
 * else serial, else an id fragment.
 */
export function deviceName(device: {
  displayName?: string | null;
  hostname: string | null;
  ipAddress: string | null;
  model: string | null;
  serialNumber?: string | null;
  id: string;
}): string {
  if (device.displayName) return device.displayName;
  const host = meaningfulHostname(device.hostname);
  if (host) return host;
  const modelAndIp = [device.model, device.ipAddress].filter(Boolean).join(' · ');
  if (modelAndIp) return modelAndIp;
  return device.serialNumber || device.id.slice(0, 8);
}
