import { parseTarget, parseTargets } from './target-parser.js';

const hosts = (inputs: string[], options = { defaultPort: 161 }): string[] =>
  [...parseTargets(inputs, options)].map((target) => `${target.host}:${target.port}`);

describe('parseTarget', () => {
  it('reads a host with and without a port', () => {
    expect(parseTarget('127.20.0.5', 161)).toEqual({
      kind: 'host',
      input: '127.20.0.5',
      host: '127.20.0.5',
      port: 161,
    });
    expect(parseTarget('127.20.0.5:16100', 161)).toMatchObject({ host: '127.20.0.5', port: 16100 });
    expect(parseTarget('printer-3.example.test:1161', 161)).toMatchObject({
      kind: 'host',
      host: 'printer-3.example.test',
      port: 1161,
    });
  });

  it('rejects malformed input with a coded error', () => {
    for (const input of [
      '',
      '127.0.0.256',
      '127.0.0.1:0',
      '127.0.0.1:70000',
      '127.0.0.0/33',
      '::1',
      'fe80::1',
      'bad_host!',
      '127.0.0.9-3',
      '1.2.3',
    ]) {
      expect(() => parseTarget(input, 161)).toThrow(
        expect.objectContaining({ code: 'TARGET_INVALID' }),
      );
    }
  });
});

describe('parseTargets', () => {
  it('expands a /30 without network and broadcast addresses', () => {
    expect(hosts(['127.20.0.0/30'])).toEqual(['127.20.0.1:161', '127.20.0.2:161']);
  });

  it('keeps both addresses of a /31 and the one of a /32, and masks an unaligned base', () => {
    expect(hosts(['127.20.0.4/31'])).toEqual(['127.20.0.4:161', '127.20.0.5:161']);
    expect(hosts(['127.20.0.9/32:1161'])).toEqual(['127.20.0.9:1161']);
    expect(hosts(['127.20.0.77/29'])).toEqual(
      [
        '127.20.0.73',
        '127.20.0.74',
        '127.20.0.75',
        '127.20.0.76',
        '127.20.0.77',
        '127.20.0.78',
      ].map((h) => `${h}:161`),
    );
  });

  it('counts a /24 as 254 hosts', () => {
    const set = parseTargets(['127.20.0.0/24'], { defaultPort: 161 });
    expect(set.count).toBe(254);
    expect([...set]).toHaveLength(254);
    expect([...set][253]).toEqual({ host: '127.20.0.254', port: 161 });
  });

  it('expands full and shorthand ranges across octet boundaries', () => {
    expect(hosts(['127.20.0.254-127.20.1.1'])).toEqual([
      '127.20.0.254:161',
      '127.20.0.255:161',
      '127.20.1.0:161',
      '127.20.1.1:161',
    ]);
    expect(hosts(['127.20.3.10-12:16100'])).toEqual([
      '127.20.3.10:16100',
      '127.20.3.11:16100',
      '127.20.3.12:16100',
    ]);
  });

  it('removes duplicates across specs but keeps different ports apart', () => {
    expect(hosts(['127.20.0.1', '127.20.0.1-2', '127.20.0.1:162'])).toEqual([
      '127.20.0.1:161',
      '127.20.0.2:161',
      '127.20.0.1:162',
    ]);
  });

  it('caps the expansion at a /16 unless allowLarge, and at a /8 even then', () => {
    expect(parseTargets(['127.0.0.0/16'], { defaultPort: 161 }).count).toBe(65_534);
    expect(() => parseTargets(['127.0.0.0/15'], { defaultPort: 161 })).toThrow(
      expect.objectContaining({
        code: 'TARGETS_TOO_MANY',
        message: expect.stringContaining('--allow-large'),
      }),
    );
    expect(parseTargets(['127.0.0.0/15'], { defaultPort: 161, allowLarge: true }).count).toBe(
      131_070,
    );
    expect(() => parseTargets(['0.0.0.0/7'], { defaultPort: 161, allowLarge: true })).toThrow(
      expect.objectContaining({ code: 'TARGETS_TOO_MANY' }),
    );
    expect(() => parseTargets(['127.0.0.0/24'], { defaultPort: 161, maxAddresses: 100 })).toThrow(
      expect.objectContaining({ code: 'TARGETS_TOO_MANY' }),
    );
  });

  it('enumerates lazily: a /16 is not built before it is iterated', () => {
    const iterator = parseTargets(['127.77.0.0/16'], { defaultPort: 161 })[Symbol.iterator]();
    expect(iterator.next().value).toEqual({ host: '127.77.0.1', port: 161 });
  });

  it('knows when every target is on loopback', () => {
    expect(
      parseTargets(['127.20.0.0/24', '127.0.0.1:1161'], { defaultPort: 161 }).loopbackOnly,
    ).toBe(true);
    expect(parseTargets(['127.255.255.0-127.255.255.255'], { defaultPort: 161 }).loopbackOnly).toBe(
      true,
    );
    expect(
      parseTargets(['127.20.0.1', 'printer.example.test'], { defaultPort: 161 }).loopbackOnly,
    ).toBe(false);
    expect(parseTargets(['126.255.255.255-127.0.0.1'], { defaultPort: 161 }).loopbackOnly).toBe(
      false,
    );
  });
});
