import { credentialsFrom, type SnmpCliOptions } from './snmp-options.js';

const base: SnmpCliOptions = { community: 'public', snmpVersion: '2c', port: 161 };

describe('credentialsFrom', () => {
  it('gives community credentials for v1 and v2c', () => {
    expect(credentialsFrom(base)).toEqual({ version: '2c', community: 'public' });
    expect(credentialsFrom({ ...base, snmpVersion: '1', community: 'secret' })).toEqual({
      version: '1',
      community: 'secret',
    });
  });

  it('builds SNMPv3 authPriv, authNoPriv and noAuthNoPriv users', () => {
    expect(
      credentialsFrom({
        ...base,
        snmpVersion: '3',
        user: 'monitor',
        authProtocol: 'sha256',
        authKey: 'authpass123',
        privProtocol: 'aes256b',
        privKey: 'privpass123',
        context: 'Jetdirect',
      }),
    ).toEqual({
      version: '3',
      user: 'monitor',
      context: 'Jetdirect',
      auth: { protocol: 'sha256', key: 'authpass123' },
      priv: { protocol: 'aes256b', key: 'privpass123' },
    });
    expect(
      credentialsFrom({ ...base, snmpVersion: '3', user: 'monitor', authKey: 'authpass123' }),
    ).toEqual({
      version: '3',
      user: 'monitor',
      auth: { protocol: 'sha', key: 'authpass123' },
    });
    expect(credentialsFrom({ ...base, snmpVersion: '3', user: 'monitor' })).toEqual({
      version: '3',
      user: 'monitor',
    });
  });

  it('rejects incomplete SNMPv3 settings with coded usage errors', () => {
    const v3 = { ...base, snmpVersion: '3' as const };
    expect(() => credentialsFrom(v3)).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_USER_MISSING' }),
    );
    expect(() => credentialsFrom({ ...v3, user: 'u', authProtocol: 'sha' })).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_AUTH_KEY_MISSING' }),
    );
    expect(() => credentialsFrom({ ...v3, user: 'u', authKey: 'short' })).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_KEY_TOO_SHORT' }),
    );
    expect(() => credentialsFrom({ ...v3, user: 'u', privKey: 'privpass123' })).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_PRIV_WITHOUT_AUTH' }),
    );
    expect(() =>
      credentialsFrom({ ...v3, user: 'u', authKey: 'authpass123', privProtocol: 'aes' }),
    ).toThrow(expect.objectContaining({ code: 'SNMP_V3_PRIV_KEY_MISSING' }));
  });
});
