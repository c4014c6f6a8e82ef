import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWalk } from '@printbeat/printer-mib';
import { compileFixture, type FixtureModel } from '../model/fixture-model.js';

export class FixtureNotFoundError extends Error {
  readonly code = 'PRINTER_SIM_FIXTURE_NOT_FOUND';
}

/** Absolute path of the repository's fixtures/snmp (from this package's location, not cwd). */
export function fixturesDir(): string {
  // src/fleet/ and dist/fleet/ are both four levels below the repository root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/snmp');
}

/**
 * Rich walks (full or nearly full, with supplies, counters, status and alerts), ordered so
 * that cycling through them alternates vendors.
 */
export const DEFAULT_FIXTURES: readonly string[] = [
  'printmaster/kyocera_p2040_snmp.json',
  'librenms/jetdirect_m880.snmprec',
  'printmaster/epson_cw_snmp.json',
  'librenms/sharp.snmprec',
  'printmaster/brother_snmp.json',
  'librenms/konica_c250i.snmprec',
  'librenms/ricoh_mpc3002.snmprec',
  'librenms/xerox_apeosport.snmprec',
  'librenms/canonprinter_lbp.snmprec',
  'printmaster/parse_debug_172_52_105_95.json',
  'librenms/okilan_9450g.snmprec',
  'librenms/samsungprinter_m4080fx.snmprec',
  'printmaster/epson_sc_snmp.json',
  'librenms/dell-laser_s5830dn.snmprec',
  'librenms/fujifilmprinter_c7580.snmprec',
  'librenms/utax.snmprec',
  'printmaster/parse_debug_172_52_105_114.json',
  'librenms/jetdirect_m252dw.snmprec',
  'librenms/brother.snmprec',
  'printmaster/parse_debug_172_52_105_162.json',
  'printmaster/kyocera_cs4053_snmp.json',
  'printmaster/parse_debug_172_52_105_107.json',
];

const cache = new Map<string, FixtureModel>();

/** The compiled walk of one fixture (relative to fixtures/snmp), parsed once per process. */
export function loadFixture(fixture: string): FixtureModel {
  const cached = cache.get(fixture);
  if (cached) return cached;
  const root = fixturesDir();
  const path = resolve(root, fixture);
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new FixtureNotFoundError(`fixture outside ${root}: ${fixture}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new FixtureNotFoundError(`no fixture ${fixture} in ${root}`);
  }
  const model = compileFixture(fixture, parseWalk(path, text));
  cache.set(fixture, model);
  return model;
}
