import type { VarBindIndex } from '../varbind-index.js';
import {
  definedOnly,
  sumPresent,
  type CounterNames,
  type VendorCounters,
} from './counter-types.js';

/** HP-LASERJET-COMMON-MIB status-prt-eng (PML): engine page counts and jams. */
const ENGINE = '1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2';
/** HP-LASERJET-COMMON-MIB status-scanner: lifetime scanner images. */
const SCANNER = '1.3.6.1.4.1.11.2.3.9.4.2.1.2.2.1';

export const HP_COUNTER_NAMES = {
  'hp.jamCount': 'Paper jams',
  'hp.flatbedImagesScanned': 'Scans (flatbed)',
  'hp.adfImagesScanned': 'Scans (document feeder)',
  'hp.scannerJamCount': 'Scanner jams',
} as const satisfies CounterNames;

/**
 * HP: prtMarkerLifeCount and total-engine-page-count (`.5`) are the same meter on HP engines,
 * so the standard one stays the total and PML is the fallback. Mono is total-mono-page-count
 * (`.6`) where the engine has it, else total minus colour. Sources, by OID: LibreNMS
 * resources/definitions/os_discovery/jetdirect.yaml (total `.5`, mono `.6`, colour `.7`,
 * duplex `.22`, print-engine-jam-count `.34`, scanner-flatbed-page-count `2.2.1.74` "Lifetime
 * scanned") and printmaster agent/scanner/vendor/hp.go (`2.2.1.74` flatbed and `2.2.1.44` ADF
 * images scanned, lifetime; `2.2.1.43` scanner jam events). Scans are ADF + flatbed, only when
 * the device reports both.
 */
export function hpCounters(index: VarBindIndex, standardTotal: number | undefined): VendorCounters {
  const get = (oid: string) => index.number(oid) ?? undefined;
  const engineTotal = get(`${ENGINE}.5.0`);
  const color = get(`${ENGINE}.7.0`);
  const total = standardTotal ?? engineTotal;
  const flatbed = get(`${SCANNER}.74.0`);
  const adf = get(`${SCANNER}.44.0`);
  return {
    values: definedOnly({
      total: standardTotal === undefined ? engineTotal : undefined,
      color,
      mono:
        get(`${ENGINE}.6.0`) ??
        (total !== undefined && color !== undefined && color <= total ? total - color : undefined),
      duplex: get(`${ENGINE}.22.0`),
      scanTotal: flatbed !== undefined && adf !== undefined ? sumPresent(flatbed, adf) : undefined,
    }),
    extra: definedOnly<keyof typeof HP_COUNTER_NAMES>({
      'hp.jamCount': get(`${ENGINE}.34.0`),
      'hp.flatbedImagesScanned': flatbed,
      'hp.adfImagesScanned': adf,
      'hp.scannerJamCount': get(`${SCANNER}.43.0`),
    }),
  };
}
