import { ipv4ToNumber, parseTarget } from '../targets/target-parser.js';

/** The senders whose traps the agent accepts. */
export type TrapScope = { has(address: string): boolean };

/**
 * The printers in scope: every address of the configured discovery targets (hosts, ranges,
 * CIDRs) and every known printer. A target given by host name matches once discovery has
 * put its printer among the known ones (a trap names its sender by address only).
 */
export function trapScope(targets: readonly string[], knownHosts: Iterable<string>): TrapScope {
  const hosts = new Set<string>(knownHosts);
  const ranges: Array<{ first: number; last: number }> = [];
  for (const target of targets) {
    let spec;
    try {
      spec = parseTarget(target, 161);
    } catch {
      // An unusable target is refused where discovery reads it; it widens nothing here.
      continue;
    }
    if (spec.kind === 'range') ranges.push({ first: spec.first, last: spec.last });
    else hosts.add(spec.host);
  }
  return {
    has(address) {
      const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
      if (hosts.has(plain)) return true;
      const value = ipv4ToNumber(plain);
      return (
        !Number.isNaN(value) && ranges.some((range) => value >= range.first && value <= range.last)
      );
    },
  };
}
