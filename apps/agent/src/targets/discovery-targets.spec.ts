import {
  checkCredentials,
  credentialsForHost,
  discoveryTargets,
  writeCredentialsForHost,
} from './discovery-targets.js';

const v3 = (user: string) => ({ version: '3' as const, user });

describe('discoveryTargets', () => {
  it('gives each address of an entry with its own list those credentials, in order', () => {
    const { targets, count, loopbackOnly } = discoveryTargets(
      ['127.20.0.1', { target: '127.21.0.1-2', snmp: [v3('a'), v3('b')] }, '127.21.0.2'],
      161,
    );
    expect(count).toBe(4);
    expect(loopbackOnly).toBe(true);
    expect([...targets]).toEqual([
      { host: '127.20.0.1', port: 161 },
      { host: '127.21.0.1', port: 161, credentials: [v3('a'), v3('b')] },
      { host: '127.21.0.2', port: 161, credentials: [v3('a'), v3('b')] },
    ]);
  });

  it('refuses an entry whose credentials cannot be used, naming the rule', () => {
    expect(() =>
      discoveryTargets([{ target: '127.0.0.1', snmp: [v3('a'), { version: '3' }] }], 161),
    ).toThrow(/SNMPv3 needs a user/);
  });
});

describe('credentialsForHost', () => {
  const entries = [
    '127.20.0.0/24',
    { target: '127.21.0.0/24', snmp: { version: '2c' as const, community: 'site' } },
    { target: 'printer.lan', snmp: [v3('x')] },
  ];

  it('finds the entry whose range or host name covers the printer', () => {
    expect(credentialsForHost(entries, '127.21.0.77', 161)).toEqual([
      { version: '2c', community: 'site' },
    ]);
    expect(credentialsForHost(entries, 'PRINTER.lan', 161)).toEqual([{ version: '3', user: 'x' }]);
  });

  it('leaves other printers to the default credentials', () => {
    expect(credentialsForHost(entries, '127.20.0.5', 161)).toBeUndefined();
    expect(credentialsForHost(entries, '127.22.0.1', 161)).toBeUndefined();
  });
});

describe('writeCredentialsForHost', () => {
  const rw = (community: string) => ({ version: '2c' as const, community });
  const entries = [
    { target: '127.30.0.0/24', snmp: rw('read-a') },
    { target: '127.30.0.0/16', snmp: rw('read-b'), write: [rw('write-b'), v3('ops-rw')] },
    { target: 'printer.lan', snmp: rw('read-c'), write: rw('write-c') },
  ];

  it("takes the first covering entry's write list, skipping covering entries without one", () => {
    expect(writeCredentialsForHost(entries, '127.30.0.9', 161, rw('site-write'))).toEqual([
      rw('write-b'),
      { version: '3', user: 'ops-rw' },
    ]);
    expect(writeCredentialsForHost(entries, 'PRINTER.LAN', 161, [])).toEqual([rw('write-c')]);
  });

  it('falls back to snmpWrite, and never to the read credentials', () => {
    expect(writeCredentialsForHost(entries, '127.31.0.1', 161, rw('site-write'))).toEqual([
      rw('site-write'),
    ]);
    expect(writeCredentialsForHost(entries, '127.31.0.1', 161, [])).toEqual([]);
    expect(writeCredentialsForHost(['127.31.0.0/24'], '127.31.0.1', 161, [])).toEqual([]);
  });

  it('refuses an unusable write list when the settings are checked', () => {
    expect(() =>
      checkCredentials(rw('public'), [
        { target: '127.0.0.1', snmp: rw('r'), write: { version: '3' } },
      ]),
    ).toThrow(/SNMPv3 needs a user/);
    expect(() => checkCredentials(rw('public'), [], [{ version: '3' }])).toThrow(
      /SNMPv3 needs a user/,
    );
  });
});
