import type { VarBind } from '../types.js';
import { bytesToHex, hexToBytes, textToBytes } from './bytes.js';
import { isNumericOid, normalizeOid } from './oid.js';

/**
 * snmpsim "snmprec" (`oid|tag|value`, one per line), as recorded by LibreNMS.
 * Tags: 2 Integer32, 4 OCTET STRING, 4x hex OCTET STRING, 5 NULL, 6 OID, 64 IpAddress,
 * 64x hex IpAddress, 65 Counter32, 66 Gauge32, 67 TimeTicks, 68x hex Opaque, 70 Counter64. Lines that do not
 * parse are skipped: a recording with one odd line is still worth reading.
 */
export function parseSnmprec(text: string): VarBind[] {
  const varbinds: VarBind[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const first = line.indexOf('|');
    const second = first < 0 ? -1 : line.indexOf('|', first + 1);
    if (second < 0) continue;
    const oid = normalizeOid(line.slice(0, first));
    if (!isNumericOid(oid)) continue;
    const varbind = snmprecValue(oid, line.slice(first + 1, second), line.slice(second + 1));
    if (varbind) varbinds.push(varbind);
  }
  return varbinds;
}

function snmprecValue(oid: string, tag: string, value: string): VarBind | null {
  switch (tag) {
    case '2':
      return integerVarBind(oid, 'Integer', value);
    case '65':
      return integerVarBind(oid, 'Counter32', value);
    case '66':
      return integerVarBind(oid, 'Gauge32', value);
    case '67':
      return integerVarBind(oid, 'TimeTicks', value);
    case '70':
      return /^\d+$/.test(value.trim())
        ? { oid, type: 'Counter64', value: BigInt(value.trim()) }
        : null;
    case '4':
      return { oid, type: 'OctetString', value: textToBytes(value) };
    case '4x': {
      const bytes = hexToBytes(value);
      return bytes ? { oid, type: 'OctetString', value: bytes } : null;
    }
    case '68x': {
      const bytes = hexToBytes(value);
      return bytes ? { oid, type: 'Opaque', value: bytes } : null;
    }
    case '5':
      return { oid, type: 'Null', value: null };
    case '6': {
      const target = normalizeOid(value);
      return isNumericOid(target) ? { oid, type: 'ObjectIdentifier', value: target } : null;
    }
    case '64':
      return { oid, type: 'IpAddress', value: value.trim() };
    case '64x': {
      const bytes = hexToBytes(value);
      return bytes && bytes.length === 4
        ? { oid, type: 'IpAddress', value: Array.from(bytes).join('.') }
        : null;
    }
    default:
      return null;
  }
}

function integerVarBind(
  oid: string,
  type: 'Integer' | 'Counter32' | 'Gauge32' | 'TimeTicks',
  value: string,
): VarBind | null {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) return null;
  return { oid, type, value: Number(trimmed) };
}

/**
 * VarBinds as snmprec text, the inverse of `parseSnmprec`: what snmpsim serves. Octet strings
 * are written as hex (`4x`) so every byte survives; Opaque is tag 68 (`68x`, RFC 2578's
 * APPLICATION 4). snmpsim answers in file order, so the caller passes OID order.
 */
export function formatSnmprec(varbinds: readonly VarBind[]): string {
  return varbinds.map((varbind) => `${varbind.oid}|${snmprecTagAndValue(varbind)}\n`).join('');
}

function snmprecTagAndValue(varbind: VarBind): string {
  switch (varbind.type) {
    case 'Integer':
      return `2|${varbind.value}`;
    case 'Counter32':
      return `65|${varbind.value}`;
    case 'Gauge32':
      return `66|${varbind.value}`;
    case 'TimeTicks':
      return `67|${varbind.value}`;
    case 'Counter64':
      return `70|${varbind.value.toString()}`;
    case 'OctetString':
      return `4x|${bytesToHex(varbind.value)}`;
    case 'Opaque':
      return `68x|${bytesToHex(varbind.value)}`;
    case 'ObjectIdentifier':
      return `6|${varbind.value}`;
    case 'IpAddress':
      return `64|${varbind.value}`;
    case 'Null':
      return '5|';
  }
}
