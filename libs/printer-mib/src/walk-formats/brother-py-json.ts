import type { VarBind } from '../types.js';
import { hexToBytes, textToBytes } from './bytes.js';
import { isNumericOid, isUnderOid, normalizeOid } from './oid.js';

/** OIDs whose decoded number the bieniu/brother library stores as a decimal string. */
const NUMERIC_COLUMNS: {
  prefix: string;
  type: 'Integer' | 'Counter32' | 'Gauge32' | 'TimeTicks';
}[] = [
  { prefix: '1.3.6.1.2.1.1.3', type: 'TimeTicks' },
  { prefix: '1.3.6.1.2.1.1.7', type: 'Integer' },
  { prefix: '1.3.6.1.2.1.43.7.1.1', type: 'Integer' },
  { prefix: '1.3.6.1.2.1.43.10.2.1.4', type: 'Counter32' },
  { prefix: '1.3.6.1.2.1.43.10.2.1.5', type: 'Counter32' },
  { prefix: '1.3.6.1.2.1.43.11.1.1.8', type: 'Integer' },
  { prefix: '1.3.6.1.2.1.43.11.1.1.9', type: 'Integer' },
  { prefix: '1.3.6.1.2.1.25.3.2.1.5', type: 'Integer' },
  { prefix: '1.3.6.1.2.1.25.3.5.1.1', type: 'Integer' },
];

const MAC_COLUMN = '1.3.6.1.2.1.2.2.1.6';

/**
 * The JSON maps of bieniu/brother's test fixtures (its `_get_data()` output): OID → decoded
 * string, or for the Brother maintenance blobs a list of 7-byte hex words. Turned back into
 * the VarBinds the printer would have sent: counters as numbers, the MAC as 6 bytes, each
 * blob as one OCTET STRING of its words concatenated.
 */
export function parseBrotherPyJson(text: string): VarBind[] {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
  const varbinds: VarBind[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const oid = normalizeOid(key);
    if (!isNumericOid(oid)) continue;
    if (Array.isArray(value)) {
      const words = value.filter((word): word is string => typeof word === 'string');
      const bytes = hexToBytes(words.join(''));
      if (bytes) varbinds.push({ oid, type: 'OctetString', value: bytes });
      continue;
    }
    if (typeof value === 'number') {
      varbinds.push({ oid, type: numericType(oid) ?? 'Integer', value });
      continue;
    }
    if (typeof value !== 'string') continue;
    const type = numericType(oid);
    if (type && /^-?\d+$/.test(value.trim())) {
      varbinds.push({ oid, type, value: Number(value.trim()) });
    } else if (
      isUnderOid(oid, MAC_COLUMN) &&
      /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(value)
    ) {
      varbinds.push({ oid, type: 'OctetString', value: hexToBytes(value) ?? new Uint8Array(0) });
    } else {
      varbinds.push({ oid, type: 'OctetString', value: textToBytes(value) });
    }
  }
  return varbinds;
}

function numericType(oid: string): 'Integer' | 'Counter32' | 'Gauge32' | 'TimeTicks' | null {
  return NUMERIC_COLUMNS.find((column) => isUnderOid(oid, column.prefix))?.type ?? null;
}
