import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../agent.errors.js';
import type { AuthProtocol, PrivProtocol, SnmpCredentials } from '../snmp/snmp-client.js';

export type SnmpCliOptions = {
  community: string;
  snmpVersion: '1' | '2c' | '3';
  user?: string;
  authProtocol?: AuthProtocol;
  authKey?: string;
  privProtocol?: PrivProtocol;
  privKey?: string;
  context?: string;
  port: number;
  timeout?: number;
  retries?: number;
  concurrency?: number;
  rate?: number;
  allowLarge?: boolean;
  sourceAddress?: string;
  json?: boolean;
};

const AUTH_ALIASES: Record<string, AuthProtocol> = {
  md5: 'md5',
  sha: 'sha',
  sha1: 'sha',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

// `aes256` is the Blumenthal draft (what Net-SNMP calls AES-256), `aes256r` the Reeder one.
const PRIV_ALIASES: Record<string, PrivProtocol> = {
  des: 'des',
  aes: 'aes',
  aes128: 'aes',
  aes256: 'aes256b',
  aes256b: 'aes256b',
  aes256r: 'aes256r',
};

export function integerOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return parsed;
  };
}

function aliasOption<T>(aliases: Record<string, T>): (value: string) => T {
  return (value) => {
    const found = aliases[value.toLowerCase()];
    if (found === undefined)
      throw new InvalidArgumentError(`expected one of ${Object.keys(aliases).join(', ')}`);
    return found;
  };
}

/** The SNMP, target and pacing options shared by `poll` and `discover`. */
export function addSnmpOptions(
  command: Command,
  defaults: { timeoutMs: number; retries: number; concurrency: number; ratePerSecond: number },
): Command {
  return command
    .addOption(
      new Option('--snmp-version <version>', 'SNMP version')
        .choices(['1', '2c', '3'])
        .default('2c'),
    )
    .option('--community <community>', 'SNMP v1/v2c community', 'public')
    .option('--user <name>', 'SNMPv3 user name')
    .addOption(
      new Option(
        '--auth-protocol <protocol>',
        'SNMPv3 authentication: md5, sha, sha224, sha256, sha384, sha512',
      ).argParser(aliasOption(AUTH_ALIASES)),
    )
    .option('--auth-key <key>', 'SNMPv3 authentication pass phrase')
    .addOption(
      new Option(
        '--priv-protocol <protocol>',
        'SNMPv3 privacy: des, aes, aes256 (Blumenthal), aes256r (Reeder)',
      ).argParser(aliasOption(PRIV_ALIASES)),
    )
    .option('--priv-key <key>', 'SNMPv3 privacy pass phrase')
    .option('--context <name>', 'SNMPv3 context name')
    .option('--port <port>', 'UDP port for targets without :port', integerOption(1, 65_535), 161)
    .option(
      '--timeout <ms>',
      `wait per request before resending (default ${defaults.timeoutMs})`,
      integerOption(10, 120_000),
    )
    .option(
      '--retries <n>',
      `resends per request (default ${defaults.retries})`,
      integerOption(0, 10),
    )
    .option(
      '--concurrency <n>',
      `devices handled at once (default ${defaults.concurrency})`,
      integerOption(1, 65_536),
    )
    .option(
      '--rate <datagrams-per-second>',
      `cap on SNMP datagrams sent per second, resends included (default ${defaults.ratePerSecond})`,
      integerOption(1, 1_000_000),
    )
    .option('--allow-large', 'allow more than 65,536 addresses (up to a /8)')
    .option(
      '--source-address <ip>',
      'local IPv4 address to send from (default: 127.0.0.1 for loopback targets)',
    )
    .option('--json', 'print JSON instead of a table');
}

/** Builds credentials from the options; throws UsageError for incomplete SNMPv3 settings. */
export function credentialsFrom(options: SnmpCliOptions): SnmpCredentials {
  if (options.snmpVersion !== '3')
    return { version: options.snmpVersion, community: options.community };
  if (options.user === undefined || options.user === '') {
    throw new UsageError('SNMP_V3_USER_MISSING', 'SNMPv3 needs --user');
  }
  const credentials: Extract<SnmpCredentials, { version: '3' }> = {
    version: '3',
    user: options.user,
  };
  if (options.context !== undefined) credentials.context = options.context;
  const wantsAuth = options.authKey !== undefined || options.authProtocol !== undefined;
  const wantsPriv = options.privKey !== undefined || options.privProtocol !== undefined;
  if (wantsAuth) {
    if (options.authKey === undefined)
      throw new UsageError('SNMP_V3_AUTH_KEY_MISSING', '--auth-protocol needs --auth-key');
    if (options.authKey.length < 8) {
      throw new UsageError(
        'SNMP_V3_KEY_TOO_SHORT',
        'SNMPv3 pass phrases must be at least 8 characters (RFC 3414)',
      );
    }
    credentials.auth = { protocol: options.authProtocol ?? 'sha', key: options.authKey };
  }
  if (wantsPriv) {
    if (!wantsAuth)
      throw new UsageError(
        'SNMP_V3_PRIV_WITHOUT_AUTH',
        'SNMPv3 privacy needs authentication too (--auth-key)',
      );
    if (options.privKey === undefined)
      throw new UsageError('SNMP_V3_PRIV_KEY_MISSING', '--priv-protocol needs --priv-key');
    if (options.privKey.length < 8) {
      throw new UsageError(
        'SNMP_V3_KEY_TOO_SHORT',
        'SNMPv3 pass phrases must be at least 8 characters (RFC 3414)',
      );
    }
    credentials.priv = { protocol: options.privProtocol ?? 'aes', key: options.privKey };
  }
  return credentials;
}
