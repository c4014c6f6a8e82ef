import { type Command, InvalidArgumentError, Option } from 'commander';
import type { SnmpBatchOptions } from '../snmp/snmp-batch.js';
import type { SnmpCredentials } from '../snmp/snmp-client.js';
import {
  AUTH_PROTOCOL_NAMES,
  authProtocolNamed,
  PRIV_PROTOCOL_NAMES,
  privProtocolNamed,
  snmpCredentials,
  type SnmpCredentialSettings,
} from '../snmp/snmp-credentials.js';
import { parseTargets, type TargetSet } from '../targets/target-parser.js';

/** Commander's names for the options `addSnmpOptions` declares. */
export type SnmpCliOptions = Omit<SnmpCredentialSettings, 'version'> & {
  community: string;
  snmpVersion: SnmpCredentialSettings['version'];
  port: number;
  timeout?: number;
  retries?: number;
  concurrency?: number;
  rate?: number;
  allowLarge?: boolean;
  sourceAddress?: string;
  json?: boolean;
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

function protocolOption<T>(
  named: (name: string) => T | undefined,
  names: readonly string[],
): (value: string) => T {
  return (value) => {
    const found = named(value);
    if (found === undefined) throw new InvalidArgumentError(`expected one of ${names.join(', ')}`);
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
      ).argParser(protocolOption(authProtocolNamed, AUTH_PROTOCOL_NAMES)),
    )
    .option('--auth-key <key>', 'SNMPv3 authentication pass phrase')
    .addOption(
      new Option(
        '--priv-protocol <protocol>',
        'SNMPv3 privacy: des, aes, aes256 (Blumenthal), aes256r (Reeder)',
      ).argParser(protocolOption(privProtocolNamed, PRIV_PROTOCOL_NAMES)),
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

/** The targets named on the command line and what `poll` and `discover` run them with. */
export function snmpBatchFrom(
  inputs: readonly string[],
  options: SnmpCliOptions,
  signal: AbortSignal,
): { targets: TargetSet; batch: SnmpBatchOptions } {
  const targets = parseTargets(inputs, {
    defaultPort: options.port,
    ...(options.allowLarge === true ? { allowLarge: true } : {}),
  });
  const sourceAddress = options.sourceAddress ?? (targets.loopbackOnly ? '127.0.0.1' : undefined);
  const batch: SnmpBatchOptions = {
    credentials: credentialsFrom(options),
    signal,
    ...(sourceAddress === undefined ? {} : { sourceAddress }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.rate === undefined ? {} : { ratePerSecond: options.rate }),
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  };
  return { targets, batch };
}

/** The credentials the options name; throws UsageError for incomplete SNMPv3 settings. */
export function credentialsFrom(options: SnmpCliOptions): SnmpCredentials {
  const { snmpVersion, ...settings } = options;
  return snmpCredentials({ ...settings, version: snmpVersion });
}
