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
 * Walks with a lifetime page counter and supplies (the printmaster ones are full walks; the
 * LibreNMS ones hold what LibreNMS polls), ordered so that cycling through them alternates
 * vendors: Kyocera, HP, Epson, Sharp, Brother, Konica Minolta, Ricoh, Canon, Samsung, UTAX.
 */
export const DEFAULT_FIXTURES: readonly string[] = [
  'printmaster/kyocera_p2040_snmp.json',
  'librenms/jetdirect_m130nw.snmprec',
  'printmaster/epson_cw_snmp.json',
  'librenms/sharp.snmprec',
  'printmaster/brother_snmp.json',
  'librenms/konica_c250i.snmprec',
  'librenms/ricoh_mpc3002.snmprec',
  'librenms/canonprinter_tm.snmprec',
  'printmaster/parse_debug_172_52_105_95.json',
  'librenms/samsungprinter_m4080fx.snmprec',
  'printmaster/epson_sc_snmp.json',
  'librenms/brother_hl5370dw.snmprec',
  'librenms/utax.snmprec',
  'printmaster/parse_debug_172_52_105_114.json',
  'librenms/sharp_mxm266nv.snmprec',
  'librenms/ricoh_mpc2503.snmprec',
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
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new FixtureNotFoundError(`fixture outside ${root}: ${fixture}`);
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
