import {
  Tag,
  decodeOid,
  decodeSigned,
  decodeUnsigned,
  encodeInteger,
  encodeOidArcs,
  encodeUnsigned,
  readTlv,
  tlv,
} from './ber.js';
import { compareArcs, indexOf, parseOid, upperBound } from './oid.js';

describe('BER', () => {
  it.each([0, 1, 127, 128, 255, 256, -1, -128, -129, 2147483647, -2147483648])(
    'round-trips integer %d',
    (n) => {
      const b = encodeInteger(n);
      const t = readTlv(b, 0);
      expect(decodeSigned(b, t.start, t.end)).toBe(n);
    },
  );

  it('encodes integers minimally (X.690 8.3.2)', () => {
    expect([...encodeInteger(127)]).toEqual([0x02, 0x01, 0x7f]);
    expect([...encodeInteger(128)]).toEqual([0x02, 0x02, 0x00, 0x80]);
    expect([...encodeInteger(-129)]).toEqual([0x02, 0x02, 0xff, 0x7f]);
  });

  it('encodes unsigned application types with a leading zero when the high bit is set', () => {
    expect([...encodeUnsigned(4294967295, Tag.Counter32)]).toEqual([
      0x41, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff,
    ]);
    const big = encodeUnsigned(18446744073709551615n, Tag.Counter64);
    const t = readTlv(big, 0);
    expect(decodeUnsigned(big, t.start, t.end)).toBe(18446744073709551615n);
  });

  it('round-trips OIDs with multi-byte arcs', () => {
    const arcs = [1, 3, 6, 1, 4, 1, 18334, 1, 1, 1, 5, 7, 2, 4294967295];
    const b = encodeOidArcs(arcs);
    const t = readTlv(b, 0);
    expect(decodeOid(b, t.start, t.end)).toEqual(arcs);
    expect([...encodeOidArcs([1, 3, 6, 1])]).toEqual([0x06, 0x03, 0x2b, 0x06, 0x01]);
  });

  it('reads long-form lengths and rejects truncated input', () => {
    const b = tlv(Tag.OctetString, Buffer.alloc(300, 1));
    expect([...b.subarray(0, 4)]).toEqual([0x04, 0x82, 0x01, 0x2c]);
    expect(readTlv(b, 0).end).toBe(304);
    expect(() => readTlv(b.subarray(0, 100), 0)).toThrow(/exceeds/);
  });
});

describe('OID order', () => {
  it('orders numerically arc by arc, a prefix first', () => {
    const sorted = ['1.3.6.1.2.1.1', '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.2', '1.3.6.1.2.1.10'].map(
      parseOid,
    );
    for (let i = 1; i < sorted.length; i++)
      expect(compareArcs(sorted[i - 1]!, sorted[i]!)).toBe(-1);
    expect(upperBound(sorted, parseOid('1.3.6.1.2.1.1.1.0'))).toBe(2);
    expect(upperBound(sorted, parseOid('1.3.6.1.2.1.3'))).toBe(3);
    expect(indexOf(sorted, parseOid('1.3.6.1.2.1.2'))).toBe(2);
    expect(indexOf(sorted, parseOid('1.3.6.1.2.1.3'))).toBe(-1);
  });
});
