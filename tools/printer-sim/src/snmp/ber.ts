// Minimal BER (X.690) codec for SNMP messages. Hand-written rather than net-snmp's because
// net-snmp does not export its message layer, and a simulator serving 10,000 printers wants
// pre-encoded varbinds it can concatenate without re-encoding the immutable walk each time.

export const Tag = {
  Integer: 0x02,
  OctetString: 0x04,
  Null: 0x05,
  ObjectIdentifier: 0x06,
  Sequence: 0x30,
  IpAddress: 0x40,
  Counter32: 0x41,
  Gauge32: 0x42,
  TimeTicks: 0x43,
  Opaque: 0x44,
  Counter64: 0x46,
  NoSuchObject: 0x80,
  NoSuchInstance: 0x81,
  EndOfMibView: 0x82,
  GetRequest: 0xa0,
  GetNextRequest: 0xa1,
  Response: 0xa2,
  SetRequest: 0xa3,
  TrapV1: 0xa4,
  GetBulkRequest: 0xa5,
  InformRequest: 0xa6,
  TrapV2: 0xa7,
  Report: 0xa8,
} as const;

export class BerError extends Error {
  readonly code = 'BER_DECODE_ERROR';
}

export type Tlv = { tag: number; start: number; end: number; next: number };

/** Reads one TLV at `pos`; `start`/`end` delimit the contents, `next` is the following TLV. */
export function readTlv(buf: Uint8Array, pos: number, limit = buf.length): Tlv {
  if (pos + 2 > limit) throw new BerError('truncated TLV');
  const tag = buf[pos]!;
  let len = buf[pos + 1]!;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new BerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new BerError('TLV exceeds buffer');
  return { tag, start, end, next: end };
}

export function expectTlv(buf: Uint8Array, pos: number, tag: number, limit?: number): Tlv {
  const tlv = readTlv(buf, pos, limit);
  if (tlv.tag !== tag)
    throw new BerError(`expected tag 0x${tag.toString(16)}, got 0x${tlv.tag.toString(16)}`);
  return tlv;
}

export function decodeSigned(buf: Uint8Array, start: number, end: number): number {
  if (end <= start) throw new BerError('empty integer');
  if (end - start > 6) throw new BerError('integer too long');
  let v = buf[start]! & 0x80 ? -1 : 0;
  for (let i = start; i < end; i++) v = v * 256 + buf[i]!;
  return v;
}

export function decodeUnsigned(buf: Uint8Array, start: number, end: number): bigint {
  let v = 0n;
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(buf[i]!);
  return v;
}

export function decodeOid(buf: Uint8Array, start: number, end: number): number[] {
  if (end <= start) throw new BerError('empty OID');
  const arcs: number[] = [];
  let v = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (arcs.length === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        arcs.push(first, v - first * 40);
      } else {
        arcs.push(v);
      }
      v = 0;
    }
  }
  return arcs;
}

function lengthBytes(len: number): number[] {
  if (len < 0x80) return [len];
  const out: number[] = [];
  while (len > 0) {
    out.unshift(len & 0xff);
    len = Math.floor(len / 256);
  }
  return [0x80 | out.length, ...out];
}

export function header(tag: number, len: number): Buffer {
  return Buffer.from([tag, ...lengthBytes(len)]);
}

export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([header(tag, content.length), content]);
}

export function sequence(tag: number, parts: readonly Uint8Array[]): Buffer {
  let len = 0;
  for (const p of parts) len += p.length;
  return Buffer.concat([header(tag, len), ...parts]);
}

export function encodeInteger(value: number, tag: number = Tag.Integer): Buffer {
  const bytes: number[] = [];
  let v = Math.trunc(value);
  // Two's complement, minimal length.
  for (;;) {
    const b = ((v % 256) + 256) % 256;
    bytes.unshift(b);
    v = Math.floor(v / 256);
    if ((v === 0 && !(b & 0x80)) || (v === -1 && b & 0x80)) break;
  }
  return tlv(tag, Buffer.from(bytes));
}

export function encodeUnsigned(value: number | bigint, tag: number): Buffer {
  let v = BigInt(value);
  if (v < 0n) v = 0n;
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(tag, Buffer.from(bytes));
}

export function encodeOctetString(
  value: Uint8Array | string,
  tag: number = Tag.OctetString,
): Buffer {
  return tlv(tag, typeof value === 'string' ? Buffer.from(value, 'latin1') : value);
}

export function encodeNull(tag: number = Tag.Null): Buffer {
  return Buffer.from([tag, 0]);
}

export function encodeOidArcs(arcs: readonly number[]): Buffer {
  if (arcs.length < 2) throw new BerError('OID needs at least two arcs');
  const out: number[] = [];
  const push = (n: number): void => {
    const tmp = [n & 0x7f];
    n = Math.floor(n / 128);
    while (n > 0) {
      tmp.unshift((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (let i = 2; i < arcs.length; i++) push(arcs[i]!);
  return tlv(Tag.ObjectIdentifier, Buffer.from(out));
}

export function encodeIpAddress(dotted: string): Buffer {
  const parts = dotted.split('.').map((p) => Number(p) & 0xff);
  while (parts.length < 4) parts.push(0);
  return tlv(Tag.IpAddress, Buffer.from(parts.slice(0, 4)));
}
