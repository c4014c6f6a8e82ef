import type { VarBind } from '../types.js';
import { hexToBytes, textToBytes } from './bytes.js';
import { resolveOidName } from './mib-names.js';

/** A line that starts a new binding: `<oid or MIB name> = …`. Anything else continues a value. */
const RECORD_START =
  /^((?:[A-Za-z][\w-]*::)?[A-Za-z0-9.-]+(?:\.[\w-]+)*|\.?\d+(?:\.\d+)*) = ?(.*)$/;

/**
 * net-snmp `snmpwalk` output, numeric (`.1.3.6…`, `iso.3.6…`) or MIB-translated
 * (`SNMPv2-MIB::sysDescr.0`). Handles `STRING:` with and without quotes (values may run over
 * several lines), `Hex-STRING:`, `INTEGER: idle(3)`, `Timeticks: (n) …`, `OID:`, `IpAddress:`,
 * `Network Address:`, `Counter32/64:`, `Gauge32:`, `BITS:`, `NULL`, and `= ""`.
 * Bindings whose OID name is unknown, or that say No Such Object/Instance, are skipped.
 */
export function parseSnmpwalk(text: string): VarBind[] {
  const records: { name: string; raw: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = RECORD_START.exec(line);
    const last = records[records.length - 1];
    const name = match?.[1] ?? '';
    if (match && /[.:]/.test(name) && resolveOidName(name) !== null) {
      records.push({ name, raw: match[2] ?? '' });
    } else if (last && acceptsContinuation(last.raw)) {
      last.raw += `\n${line}`;
    }
  }
  const varbinds: VarBind[] = [];
  for (const record of records) {
    const oid = resolveOidName(record.name);
    if (oid === null) continue;
    const varbind = walkValue(oid, record.raw.replace(/\n+$/, ''));
    if (varbind) varbinds.push(varbind);
  }
  return varbinds;
}

function walkValue(oid: string, raw: string): VarBind | null {
  let text = raw.replace(/^Wrong Type \(should be [^)]*\): /, '');
  if (text === '""') return { oid, type: 'OctetString', value: new Uint8Array(0) };
  if (text.trim() === 'NULL') return { oid, type: 'Null', value: null };
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const tag = text.slice(0, colon).trim();
  text = text.slice(colon + 1).replace(/^ /, '');
  switch (tag) {
    case 'STRING':
      return { oid, type: 'OctetString', value: textToBytes(unquote(text)) };
    case 'Hex-STRING':
    case 'BITS': {
      // BITS: `80 00 lowPaper(0)` — only the leading hex octets are the value.
      const hex = /^[0-9A-Fa-f]{2}(?:\s+[0-9A-Fa-f]{2})*/.exec(text.trim())?.[0] ?? '';
      const bytes = hexToBytes(hex);
      return bytes ? { oid, type: 'OctetString', value: bytes } : null;
    }
    case 'INTEGER':
      return numberVarBind(oid, 'Integer', /-?\d+(?=\)\s*$)|^-?\d+/.exec(text.trim())?.[0]);
    case 'Counter32':
      return numberVarBind(oid, 'Counter32', /^\d+/.exec(text.trim())?.[0]);
    case 'Gauge32':
    case 'Unsigned32':
      return numberVarBind(oid, 'Gauge32', /^\d+/.exec(text.trim())?.[0]);
    case 'Timeticks':
      return numberVarBind(
        oid,
        'TimeTicks',
        /^\((\d+)\)|^(\d+)/.exec(text.trim())?.slice(1).find(Boolean),
      );
    case 'Counter64': {
      const digits = /^\d+/.exec(text.trim())?.[0];
      return digits ? { oid, type: 'Counter64', value: BigInt(digits) } : null;
    }
    case 'OID': {
      const target = resolveOidName(text);
      return target ? { oid, type: 'ObjectIdentifier', value: target } : null;
    }
    case 'IpAddress':
      return { oid, type: 'IpAddress', value: text.trim() };
    case 'Network Address': {
      const bytes = hexToBytes(text.trim());
      return bytes && bytes.length === 4
        ? { oid, type: 'IpAddress', value: Array.from(bytes).join('.') }
        : null;
    }
    default:
      return null;
  }
}

/**
 * Only strings and hex dumps run over several lines; a quoted string is open until its closing
 * quote. A stray line after anything else (e.g. a truncated last line) is dropped.
 */
function acceptsContinuation(raw: string): boolean {
  if (raw.startsWith('Hex-STRING:')) return true;
  if (!raw.startsWith('STRING:')) return false;
  const value = raw.slice('STRING:'.length).trimStart();
  if (!value.startsWith('"')) return value !== '';
  const body = value.slice(1).replace(/\\./g, '');
  return !body.includes('"');
}

function numberVarBind(
  oid: string,
  type: 'Integer' | 'Counter32' | 'Gauge32' | 'TimeTicks',
  digits: string | undefined,
): VarBind | null {
  return digits === undefined ? null : { oid, type, value: Number(digits) };
}

/** net-snmp quotes strings with `"…"` and escapes `"` and `\` inside; unquoted text is as-is. */
function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return text;
}
