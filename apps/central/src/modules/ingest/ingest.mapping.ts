import type { ReadingCounters, SupplyReading } from '@printbeat/payload';

/** Counters as stored in meter_reads.counters: canonical names, vendor extras under `vendor:`. */
export function toCounterJson(counters: ReadingCounters): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    if (name !== 'extra' && typeof value === 'number') out[name] = value;
  }
  for (const [name, value] of Object.entries(counters.extra ?? {})) out[`vendor:${name}`] = value;
  return out;
}

/** Stable per device: the Printer-MIB index plus the description (an index alone is reused across models). */
export function supplyKey(supply: SupplyReading): string {
  return `${supply.index}|${supply.description}`;
}

export function supplyState(supply: SupplyReading): string {
  switch (supply.state) {
    case 'ok':
      return 'OK';
    case 'someRemaining':
      return 'SOME_REMAINING';
    case 'unknown':
      return 'UNKNOWN';
    case 'other':
      return 'OTHER';
  }
}
