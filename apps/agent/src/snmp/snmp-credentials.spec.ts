import {
  authProtocolNamed,
  privProtocolNamed,
  snmpCredentials,
  type SnmpCredentialSettings,
} from './snmp-credentials.js';

const base: SnmpCredentialSettings = { community: 'public', version: '2c' };

describe('snmpCredentials', () => {
  it('gives community credentials for v1 and v2c, public when none is named', () => {
    expect(snmpCredentials(base)).toEqual({ version: '2c', community: 'public' });
    expect(snmpCredentials({ version: '2c' })).toEqual({ version: '2c', community: 'public' });
    expect(snmpCredentials({ ...base, version: '1', community: 'secret' })).toEqual({
      version: '1',
      community: 'secret',
    });
  });

  it('builds SNMPv3 authPriv, authNoPriv and noAuthNoPriv users', () => {
    expect(
      snmpCredentials({
        ...base,
        version: '3',
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
      snmpCredentials({ ...base, version: '3', user: 'monitor', authKey: 'authpass123' }),
    ).toEqual({
      version: '3',
      user: 'monitor',
      auth: { protocol: 'sha', key: 'authpass123' },
    });
    expect(snmpCredentials({ ...base, version: '3', user: 'monitor' })).toEqual({
      version: '3',
      user: 'monitor',
    });
  });

  it('rejects incomplete SNMPv3 settings with coded usage errors', () => {
    const v3 = { ...base, version: '3' as const };
    expect(() => snmpCredentials(v3)).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_USER_MISSING' }),
    );
    expect(() => snmpCredentials({ ...v3, user: 'u', authProtocol: 'sha' })).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_AUTH_KEY_MISSING' }),
    );
    expect(() => snmpCredentials({ ...v3, user: 'u', authKey: 'short' })).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_KEY_TOO_SHORT' }),
    );
    expect(() => snmpCredentials({ ...v3, user: 'u', privKey: 'privpass123' })).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_PRIV_WITHOUT_AUTH' }),
    );
    expect(() =>
      snmpCredentials({ ...v3, user: 'u', authKey: 'authpass123', privProtocol: 'aes' }),
    ).toThrow(expect.objectContaining({ code: 'SNMP_V3_PRIV_KEY_MISSING' }));
  });
});

describe('protocol names', () => {
  it('reads the Net-SNMP names and aliases in any case as canonical protocols', () => {
    expect(authProtocolNamed('SHA1')).toBe('sha');
    expect(authProtocolNamed('sha256')).toBe('sha256');
    expect(privProtocolNamed('AES128')).toBe('aes');
    expect(privProtocolNamed('aes256')).toBe('aes256b');
    expect(privProtocolNamed('aes256r')).toBe('aes256r');
  });

  it('knows no other name', () => {
    expect(authProtocolNamed('sha3')).toBeUndefined();
    expect(authProtocolNamed('')).toBeUndefined();
    expect(privProtocolNamed('3des')).toBeUndefined();
    expect(privProtocolNamed('toString')).toBeUndefined();
  });
});
