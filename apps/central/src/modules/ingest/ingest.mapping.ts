import type { ReadingCounters } from '@printbeat/payload';

/** Counters as stored in meter_reads.counters: canonical names, vendor extras under `vendor:`. */
export function toCounterJson(counters: ReadingCounters): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    if (name !== 'extra' && typeof value === 'number') out[name] = value;
  }
  for (const [name, value] of Object.entries(counters.extra ?? {})) out[`vendor:${name}`] = value;
  return out;
}
