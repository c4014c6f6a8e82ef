import { Command } from 'commander';
import { addSnmpOptions, credentialsFrom, type SnmpCliOptions } from './snmp-options.js';

function parse(args: string[]): SnmpCliOptions {
  const command = addSnmpOptions(new Command('poll'), {
    timeoutMs: 1000,
    retries: 1,
    concurrency: 8,
    ratePerSecond: 100,
  })
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
  command.parse(args, { from: 'user' });
  return command.opts<SnmpCliOptions>();
}

describe('credentialsFrom', () => {
  it('gives the default v2c community when no SNMP option is given', () => {
    expect(credentialsFrom(parse([]))).toEqual({ version: '2c', community: 'public' });
  });

  it('builds an SNMPv3 user from the options, protocol aliases read as canonical names', () => {
    const options = parse([
      '--snmp-version',
      '3',
      '--user',
      'monitor',
      '--auth-protocol',
      'SHA1',
      '--auth-key',
      'authpass123',
      '--priv-protocol',
      'aes256',
      '--priv-key',
      'privpass123',
      '--context',
      'Jetdirect',
      '--port',
      '1161',
    ]);
    expect(credentialsFrom(options)).toEqual({
      version: '3',
      user: 'monitor',
      context: 'Jetdirect',
      auth: { protocol: 'sha', key: 'authpass123' },
      priv: { protocol: 'aes256b', key: 'privpass123' },
    });
  });

  it('refuses an unknown protocol name while parsing and incomplete SNMPv3 options after', () => {
    expect(() => parse(['--auth-protocol', 'sha3'])).toThrow(/expected one of md5, sha, sha1/);
    expect(() => credentialsFrom(parse(['--snmp-version', '3']))).toThrow(
      expect.objectContaining({ code: 'SNMP_V3_USER_MISSING' }),
    );
  });
});
