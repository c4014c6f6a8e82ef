import type { VarBindIndex } from '../varbind-index.js';
import { definedOnly, sumPresent, type VendorCounters } from './counter-types.js';

const COUNTERS = '1.3.6.1.4.1.18334.1.1.1.5.7.2';
/** Function counters by colour (1 black, 2 colour) and function (1 copy, 2 print). */
const BY_COLOR_FUNCTION = `${COUNTERS}.2.1.5`;

/**
 * Konica Minolta (and Develop). The vendor total (`…7.2.1.1.0`) is the meter of the device's
 * counter page; mono and colour are copy + print, which leaves out list/report pages, so
 * mono + colour can be a few pages below the total (bizhub C250i: 33,803 vs 33,810).
 * Sources: glpi-agent lib/GLPI/Agent/SNMP/MibSupport/Konica.pm (total `1.1.0`, duplex `1.3.0`,
 * copy/print by colour `2.1.5.{colour}.{function}`, scans `3.1.5.1`) and LibreNMS
 * includes/discovery/sensors/count/printer.inc.php ("Total scans" `1.5.0`, "Total print black"
 * `3.1.7.1`, "Total print color" `3.1.11.1`, the same names as `2.1.5.1.2` / `2.1.5.2.2`).
 */
export function konicaMinoltaCounters(index: VarBindIndex): VendorCounters {
  const get = (oid: string) => index.number(oid) ?? undefined;
  const copyMono = get(`${BY_COLOR_FUNCTION}.1.1`);
  const printMono = get(`${BY_COLOR_FUNCTION}.1.2`) ?? get(`${COUNTERS}.3.1.7.1`);
  const copyColor = get(`${BY_COLOR_FUNCTION}.2.1`);
  const printColor = get(`${BY_COLOR_FUNCTION}.2.2`) ?? get(`${COUNTERS}.3.1.11.1`);
  return {
    values: definedOnly({
      total: get(`${COUNTERS}.1.1.0`),
      duplex: get(`${COUNTERS}.1.3.0`),
      mono: sumPresent(copyMono, printMono),
      color: sumPresent(copyColor, printColor),
      copyMono,
      copyColor,
      copyTotal: sumPresent(copyMono, copyColor),
      printMono,
      printColor,
      printTotal: sumPresent(printMono, printColor),
      scanTotal: get(`${COUNTERS}.1.5.0`) ?? get(`${COUNTERS}.3.1.5.1`),
    }),
    extra: {},
  };
}
