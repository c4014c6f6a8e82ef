import type { VarBind } from '@printbeat/printer-mib';

/** What a net-snmp variable binding carries: `type` is the BER tag, `value` depends on it. */
export type RawVarbind = { oid: string; type: number; value: unknown };

export type SnmpException = 'noSuchObject' | 'noSuchInstance' | 'endOfMibView';

export type ConvertedVarbind =
  | { kind: 'value'; varBind: VarBind }
  | { kind: 'exception'; oid: string; exception: SnmpException }
  | { kind: 'malformed'; oid: string; reason: string };

// BER tags (RFC 3416 / SNMPv2-SMI application types).
const TAG = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  oid: 6,
  ipAddress: 64,
  counter32: 65,
  gauge32: 66,
  timeTicks: 67,
  opaque: 68,
  counter64: 70,
  noSuchObject: 128,
  noSuchInstance: 129,
  endOfMibView: 130,
} as const;

const OID_PATTERN = /^\d+(\.\d+)*$/;
const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAX_UINT32 = 0xffff_ffff;

export function normalizeOid(oid: string): string {
  return oid.startsWith('.') ? oid.slice(1) : oid;
}

/**
 * Turns a net-snmp binding into the printer-mib shape. Never throws: anything that does not
 * fit its declared type comes back as `malformed` with a reason, so one bad value from a
 * device costs that value, not the poll.
 */
export function convertVarbind(raw: unknown): ConvertedVarbind {
  if (typeof raw !== 'object' || raw === null) {
    return { kind: 'malformed', oid: '', reason: 'variable binding is not an object' };
  }
  const { oid: rawOid, type, value } = raw as Partial<RawVarbind>;
  if (typeof rawOid !== 'string' || !OID_PATTERN.test(normalizeOid(rawOid))) {
    return { kind: 'malformed', oid: String(rawOid), reason: 'invalid OID' };
  }
  const oid = normalizeOid(rawOid);
  const bad = (reason: string): ConvertedVarbind => ({ kind: 'malformed', oid, reason });
  if (typeof type !== 'number') return bad('variable binding without a type');

  switch (type) {
    case TAG.noSuchObject:
      return { kind: 'exception', oid, exception: 'noSuchObject' };
    case TAG.noSuchInstance:
      return { kind: 'exception', oid, exception: 'noSuchInstance' };
    case TAG.endOfMibView:
      return { kind: 'exception', oid, exception: 'endOfMibView' };
    case TAG.integer:
      // Lenient on range: devices do put unsigned 32-bit values under the INTEGER tag, and
      // dropping such a counter would lose more than keeping its (exact) value.
      return isInteger(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
        ? ok({ oid, type: 'Integer', value })
        : bad(`Integer not a safe integer: ${describe(value)}`);
    case TAG.boolean:
      return typeof value === 'boolean'
        ? ok({ oid, type: 'Integer', value: value ? 1 : 0 })
        : bad('Boolean without a boolean value');
    case TAG.counter32:
    case TAG.gauge32:
    case TAG.timeTicks: {
      const name =
        type === TAG.counter32 ? 'Counter32' : type === TAG.gauge32 ? 'Gauge32' : 'TimeTicks';
      return isInteger(value, 0, MAX_UINT32)
        ? ok({ oid, type: name, value })
        : bad(`${name} out of range: ${describe(value)}`);
    }
    case TAG.counter64: {
      const big = counter64ToBigInt(value);
      return big === null
        ? bad(`Counter64 not an unsigned 64-bit value: ${describe(value)}`)
        : ok({ oid, type: 'Counter64', value: big });
    }
    case TAG.octetString:
    case TAG.bitString:
    case TAG.opaque: {
      const bytes = toBytes(value);
      if (bytes === null) return bad('string value is not bytes');
      return ok({ oid, type: type === TAG.opaque ? 'Opaque' : 'OctetString', value: bytes });
    }
    case TAG.null:
      return ok({ oid, type: 'Null', value: null });
    case TAG.oid:
      return typeof value === 'string' && OID_PATTERN.test(normalizeOid(value))
        ? ok({ oid, type: 'ObjectIdentifier', value: normalizeOid(value) })
        : bad('OBJECT IDENTIFIER value is not an OID');
    case TAG.ipAddress:
      return typeof value === 'string' && isIpv4(value)
        ? ok({ oid, type: 'IpAddress', value })
        : bad('IpAddress value is not a dotted IPv4 address');
    default:
      return bad(`unsupported SNMP type tag ${String(type)}`);
  }
}

/** Big-endian unsigned bytes (net-snmp gives Counter64 as a Buffer of up to 9 bytes). */
export function counter64ToBigInt(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value >= 0n && value < 1n << 64n ? value : null;
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  if (!(value instanceof Uint8Array) || value.length === 0) return null;
  let result = 0n;
  for (const byte of value) result = (result << 8n) | BigInt(byte);
  return result < 1n << 64n ? result : null;
}

function ok(varBind: VarBind): ConvertedVarbind {
  return { kind: 'value', varBind };
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function toBytes(value: unknown): Uint8Array | null {
  // Copy: net-snmp's Buffers are views into the whole received datagram.
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string') return new TextEncoder().encode(value);
  return null;
}

function isIpv4(value: string): boolean {
  const match = IPV4_PATTERN.exec(value);
  return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
