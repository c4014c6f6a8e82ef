import type { VarBind } from '../types.js';
import { parseBrotherPyJson } from './brother-py-json.js';
import { sortUnique } from './oid.js';
import { parsePrintmasterJson } from './printmaster-json.js';
import { parseSnmprec } from './snmprec.js';
import { parseSnmpwalk } from './snmpwalk.js';

export type WalkFormat = 'snmprec' | 'snmpwalk' | 'brother-py-json' | 'printmaster-json';

/** Picks the format from the file name, then from the content's shape. */
export function detectWalkFormat(fileName: string, text: string): WalkFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.snmprec')) return 'snmprec';
  if (name.endsWith('.walk') || name.endsWith('.snmpwalk')) return 'snmpwalk';
  const start = text.trimStart();
  if (start.startsWith('[')) return 'printmaster-json';
  if (start.startsWith('{'))
    return /"raw_pdus"\s*:/.test(text) ? 'printmaster-json' : 'brother-py-json';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  return /^\.?\d+(\.\d+)*\|[0-9a-z]+\|/.test(firstLine) ? 'snmprec' : 'snmpwalk';
}

/** Any supported walk file → VarBinds sorted by OID (numerically), each OID once. */
export function parseWalk(fileName: string, text: string): VarBind[] {
  const format = detectWalkFormat(fileName, text);
  switch (format) {
    case 'snmprec':
      return sortUnique(parseSnmprec(text));
    case 'snmpwalk':
      return sortUnique(parseSnmpwalk(text));
    case 'brother-py-json':
      return sortUnique(parseBrotherPyJson(text));
    case 'printmaster-json':
      return sortUnique(parsePrintmasterJson(text));
  }
}
