import { convertVarbind, counter64ToBigInt } from './varbind-conversion.js';

const value = (raw: unknown) => {
  const converted = convertVarbind(raw);
  if (converted.kind !== 'value')
    throw new Error(`expected a value, got ${JSON.stringify(converted)}`);
  return converted.varBind;
};

describe('convertVarbind', () => {
  it('maps every SNMP type to the printer-mib shape', () => {
    expect(value({ oid: '1.3.6.1.2.1.1.7.0', type: 2, value: 72 })).toEqual({
      oid: '1.3.6.1.2.1.1.7.0',
      type: 'Integer',
      value: 72,
    });
    expect(value({ oid: '1.3.6.1.2.1.43.10.2.1.4.1.1', type: 65, value: 4294967295 })).toEqual({
      oid: '1.3.6.1.2.1.43.10.2.1.4.1.1',
      type: 'Counter32',
      value: 4294967295,
    });
    expect(value({ oid: '1.1', type: 66, value: 3 })).toMatchObject({ type: 'Gauge32', value: 3 });
    expect(value({ oid: '1.1', type: 67, value: 8640000 })).toMatchObject({
      type: 'TimeTicks',
      value: 8640000,
    });
    expect(value({ oid: '1.1', type: 5, value: null })).toEqual({
      oid: '1.1',
      type: 'Null',
      value: null,
    });
    expect(value({ oid: '1.1', type: 6, value: '1.3.6.1.4.1.1347.41' })).toMatchObject({
      type: 'ObjectIdentifier',
      value: '1.3.6.1.4.1.1347.41',
    });
    expect(value({ oid: '1.1', type: 6, value: '.1.3.6.1.4.1.367.1.1' })).toMatchObject({
      value: '1.3.6.1.4.1.367.1.1',
    });
    expect(value({ oid: '1.1', type: 64, value: '127.20.0.7' })).toMatchObject({
      type: 'IpAddress',
      value: '127.20.0.7',
    });
    expect(value({ oid: '.1.3.6.1.2.1.1.1.0', type: 1, value: true })).toEqual({
      oid: '1.3.6.1.2.1.1.1.0',
      type: 'Integer',
      value: 1,
    });
  });

  it('copies octet strings into plain Uint8Arrays, binary bytes intact', () => {
    const datagram = Buffer.from([0xff, 0x00, 0x1b, 0xa9, 0x12, 0x34, 0x56, 0xee]);
    const converted = value({
      oid: '1.3.6.1.2.1.2.2.1.6.1',
      type: 4,
      value: datagram.subarray(1, 7),
    });
    expect(converted.type).toBe('OctetString');
    expect(converted.value).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(converted.value)).toBe(false);
    expect([...(converted.value as Uint8Array)]).toEqual([0x00, 0x1b, 0xa9, 0x12, 0x34, 0x56]);
    datagram[1] = 0x99;
    expect((converted.value as Uint8Array)[0]).toBe(0x00);
    expect(value({ oid: '1.1', type: 68, value: Buffer.from([1, 2]) })).toMatchObject({
      type: 'Opaque',
    });
  });

  it('turns Counter64 bytes into a bigint, beyond 2^53 exactly', () => {
    expect(value({ oid: '1.1', type: 70, value: Buffer.from('00000b3a73ce2ff2', 'hex') })).toEqual({
      oid: '1.1',
      type: 'Counter64',
      value: 12345678901234n,
    });
    expect(
      value({ oid: '1.1', type: 70, value: Buffer.from('00ffffffffffffffff', 'hex') }),
    ).toMatchObject({ value: 18446744073709551615n });
    expect(
      value({ oid: '1.1', type: 70, value: Buffer.from('20000000000001', 'hex') }),
    ).toMatchObject({ value: 9007199254740993n });
    expect(value({ oid: '1.1', type: 70, value: Buffer.from([7]) })).toMatchObject({ value: 7n });
  });

  it('reports exceptions instead of values', () => {
    expect(convertVarbind({ oid: '1.3.6.1.2.1.43.5.1.1.17.1', type: 128, value: null })).toEqual({
      kind: 'exception',
      oid: '1.3.6.1.2.1.43.5.1.1.17.1',
      exception: 'noSuchObject',
    });
    expect(convertVarbind({ oid: '1.1', type: 129, value: null })).toMatchObject({
      exception: 'noSuchInstance',
    });
    expect(convertVarbind({ oid: '1.1', type: 130, value: null })).toMatchObject({
      exception: 'endOfMibView',
    });
  });

  it('reports malformed bindings with a reason and never throws', () => {
    const cases: unknown[] = [
      null,
      'not a varbind',
      { oid: 'x.y', type: 2, value: 1 },
      { oid: '1.1', type: 2, value: 1.5 },
      { oid: '1.1', type: 2, value: '7' },
      { oid: '1.1', type: 65, value: -1 },
      { oid: '1.1', type: 65, value: 2 ** 32 },
      { oid: '1.1', type: 70, value: Buffer.alloc(0) },
      { oid: '1.1', type: 70, value: Buffer.from('010000000000000000', 'hex') },
      { oid: '1.1', type: 70, value: 'twelve' },
      { oid: '1.1', type: 4, value: 42 },
      { oid: '1.1', type: 6, value: 'not.an.oid' },
      { oid: '1.1', type: 64, value: '300.1.1.1' },
      { oid: '1.1', type: 99, value: null },
      { oid: '1.1', type: 1, value: 'yes' },
    ];
    for (const raw of cases) {
      const converted = convertVarbind(raw);
      expect(converted.kind).toBe('malformed');
      expect(converted).toHaveProperty('reason', expect.any(String));
    }
  });

  it('accepts unsigned values sent under the INTEGER tag rather than losing a counter', () => {
    expect(value({ oid: '1.1', type: 2, value: 3_000_000_000 })).toMatchObject({
      type: 'Integer',
      value: 3_000_000_000,
    });
  });
});

describe('counter64ToBigInt', () => {
  it('accepts bigint and safe numbers, refuses negatives and overflow', () => {
    expect(counter64ToBigInt(5n)).toBe(5n);
    expect(counter64ToBigInt(12)).toBe(12n);
    expect(counter64ToBigInt(-1n)).toBeNull();
    expect(counter64ToBigInt(1n << 64n)).toBeNull();
    expect(counter64ToBigInt(-3)).toBeNull();
  });
});
