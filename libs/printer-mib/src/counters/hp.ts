import type { VarBindIndex } from '../varbind-index.js';
import { definedOnly, type VendorCounters } from './counter-types.js';

/** HP LaserJet PML status-prt-eng: total engine pages, colour pages, duplex pages. */
const ENGINE = '1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2';

/**
 * HP: prtMarkerLifeCount and the PML engine page count are the same meter on HP engines, so the
 * standard one stays the total and PML is the fallback. Mono is total minus colour pages (the
 * engine keeps no separate mono meter).
 */
export function hpCounters(index: VarBindIndex, standardTotal: number | undefined): VendorCounters {
  const engineTotal = index.number(`${ENGINE}.5.0`) ?? undefined;
  const color = index.number(`${ENGINE}.7.0`) ?? undefined;
  const total = standardTotal ?? engineTotal;
  return {
    values: definedOnly({
      total: standardTotal === undefined ? engineTotal : undefined,
      color,
      mono:
        total !== undefined && color !== undefined && color <= total ? total - color : undefined,
      duplex: index.number(`${ENGINE}.22.0`) ?? undefined,
    }),
    extra: {},
  };
}
