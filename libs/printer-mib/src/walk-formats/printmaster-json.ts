import type { VarBind } from '../types.js';
import { hexToBytes, textToBytes } from './bytes.js';
import { isNumericOid, normalizeOid } from './oid.js';

type PrintmasterEntry = {
  oid?: unknown;
  type?: unknown;
  value?: unknown;
  str_value?: unknown;
  hex_value?: unknown;
};

/**
 * mstrhakr/printmaster captures: `*_snmp.json` (an array of `{oid, type, value, hex_value}`)
 * and `parse_debug_*.json` (an object whose `raw_pdus` hold `{oid, type, str_value, hex_value}`).
 * Values are strings; `hex_value` is the true content of an OctetString (binary ones such as
 * ifPhysAddress have a garbled `str_value`). Repeated OIDs (the probe) keep their first value.
 */
export function parsePrintmasterJson(text: string): VarBind[] {
  const parsed: unknown = JSON.parse(text);
  const entries: unknown = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null
      ? (parsed as { raw_pdus?: unknown }).raw_pdus
      : undefined;
  if (!Array.isArray(entries)) return [];
  const seen = new Set<string>();
  const varbinds: VarBind[] = [];
  for (const entry of entries as PrintmasterEntry[]) {
    if (typeof entry.oid !== 'string') continue;
    const oid = normalizeOid(entry.oid);
    if (!isNumericOid(oid) || seen.has(oid)) continue;
    const varbind = printmasterValue(oid, entry);
    if (!varbind) continue;
    seen.add(oid);
    varbinds.push(varbind);
  }
  return varbinds;
}

function printmasterValue(oid: string, entry: PrintmasterEntry): VarBind | null {
  const text =
    typeof entry.value === 'string'
      ? entry.value
      : typeof entry.str_value === 'string'
        ? entry.str_value
        : '';
  switch (entry.type) {
    case 'OctetString': {
      const bytes = typeof entry.hex_value === 'string' ? hexToBytes(entry.hex_value) : null;
      return { oid, type: 'OctetString', value: bytes ?? textToBytes(text) };
    }
    case 'Integer':
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
      return /^-?\d+$/.test(text.trim())
        ? { oid, type: entry.type, value: Number(text.trim()) }
        : null;
    case 'Counter64':
      return /^\d+$/.test(text.trim())
        ? { oid, type: 'Counter64', value: BigInt(text.trim()) }
        : null;
    case 'ObjectIdentifier': {
      const target = normalizeOid(text);
      return isNumericOid(target) ? { oid, type: 'ObjectIdentifier', value: target } : null;
    }
    case 'IPAddress':
      return { oid, type: 'IpAddress', value: text.trim() };
    case 'Null':
      return { oid, type: 'Null', value: null };
    default:
      return null;
  }
}
