import { Command } from 'commander';
import {
  addSnmpOptions,
  credentialsFrom,
  snmpBatchFrom,
  type SnmpCliOptions,
} from './snmp-options.js';

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

describe('snmpBatchFrom', () => {
  const signal = new AbortController().signal;

  it('passes on only the pacing options given, and binds loopback for loopback targets', () => {
    const { targets, batch } = snmpBatchFrom(
      ['127.0.0.1', '127.0.0.2:1161'],
      parse(['--port', '2161', '--rate', '50', '--retries', '0']),
      signal,
    );
    expect([...targets]).toEqual([
      { host: '127.0.0.1', port: 2161 },
      { host: '127.0.0.2', port: 1161 },
    ]);
    expect(batch).toEqual({
      credentials: { version: '2c', community: 'public' },
      signal,
      sourceAddress: '127.0.0.1',
      ratePerSecond: 50,
      retries: 0,
    });
  });

  it('leaves the source address to the system for other targets unless one is given', () => {
    expect(snmpBatchFrom(['192.0.2.10'], parse([]), signal).batch).not.toHaveProperty(
      'sourceAddress',
    );
    const given = parse([
      '--source-address',
      '127.0.0.5',
      '--timeout',
      '500',
      '--concurrency',
      '3',
    ]);
    expect(snmpBatchFrom(['192.0.2.10'], given, signal).batch).toMatchObject({
      sourceAddress: '127.0.0.5',
      timeoutMs: 500,
      concurrency: 3,
    });
  });

  it('refuses a large range without --allow-large', () => {
    expect(() => snmpBatchFrom(['127.0.0.0/15'], parse([]), signal)).toThrow(
      expect.objectContaining({ code: 'TARGETS_TOO_MANY' }),
    );
    expect(() => snmpBatchFrom(['127.0.0.0/15'], parse(['--allow-large']), signal)).not.toThrow();
  });
});
