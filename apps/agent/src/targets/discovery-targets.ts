import type { SnmpCredentials, SnmpTarget } from '../snmp/snmp-client.js';
import { snmpCredentials, type SnmpCredentialSettings } from '../snmp/snmp-credentials.js';
import {
  DEFAULT_MAX_ADDRESSES,
  ipv4ToNumber,
  isIpv4Literal,
  parseTarget,
  parseTargets,
} from './target-parser.js';
import { TooManyTargetsError } from './targets.errors.js';

/** One set of SNMP settings, or several tried in order until one answers. */
export type SnmpSettingsList = SnmpCredentialSettings | readonly SnmpCredentialSettings[];

/**
 * An entry of `discovery.targets`: a CIDR, range or host using the agent's `snmp` settings,
 * or one with its own ordered credentials (`{ "target": "127.1.0.0/24", "snmp": [...] }`) and,
 * for actions that SET (reboot), its own write credentials (`"write": {...}` or a list).
 */
export type DiscoveryTarget =
  string | { target: string; snmp: SnmpSettingsList; write?: SnmpSettingsList };

export function settingsList(settings: SnmpSettingsList): readonly SnmpCredentialSettings[] {
  return Array.isArray(settings)
    ? (settings as readonly SnmpCredentialSettings[])
    : [settings as SnmpCredentialSettings];
}

/** Credentials from settings, in order; throws UsageError naming the first unusable one. */
export function credentialsList(settings: SnmpSettingsList): SnmpCredentials[] {
  return settingsList(settings).map((one) => snmpCredentials(one));
}

/** Every credential list the settings name, built once: the daemon refuses settings that fail here. */
export function checkCredentials(
  defaults: SnmpSettingsList,
  targets: readonly DiscoveryTarget[],
  writeDefaults: SnmpSettingsList = [],
): void {
  credentialsList(defaults);
  credentialsList(writeDefaults);
  for (const entry of targets) {
    if (typeof entry === 'string') continue;
    credentialsList(entry.snmp);
    if (entry.write) credentialsList(entry.write);
  }
}

/**
 * The addresses to sweep, each carrying its entry's own credentials when it has some. An
 * address named by several entries is swept once, with the first entry's credentials.
 */
export function discoveryTargets(
  entries: readonly DiscoveryTarget[],
  defaultPort: number,
): { targets: Iterable<SnmpTarget>; count: number; loopbackOnly: boolean } {
  const sets = entries.map((entry) => {
    const input = typeof entry === 'string' ? entry : entry.target;
    const credentials = typeof entry === 'string' ? undefined : credentialsList(entry.snmp);
    return { set: parseTargets([input], { defaultPort }), credentials };
  });
  const count = sets.reduce((sum, { set }) => sum + set.count, 0);
  if (count > DEFAULT_MAX_ADDRESSES)
    throw new TooManyTargetsError(count, DEFAULT_MAX_ADDRESSES, '');
  return {
    count,
    loopbackOnly: sets.every(({ set }) => set.loopbackOnly),
    targets: {
      *[Symbol.iterator]() {
        const seen = new Set<string>();
        for (const { set, credentials } of sets) {
          for (const target of set) {
            const key = `${target.host}:${target.port}`;
            if (seen.has(key)) continue;
            seen.add(key);
            yield credentials === undefined ? target : { ...target, credentials };
          }
        }
      },
    },
  };
}

/**
 * The credentials of the first entry with its own list that covers `host` (an IPv4 address in
 * its range, or the same host name); undefined when none does and the defaults apply.
 */
export function credentialsForHost(
  entries: readonly DiscoveryTarget[],
  host: string,
  defaultPort: number,
): SnmpCredentials[] | undefined {
  for (const entry of entries) {
    if (typeof entry === 'string') continue;
    if (covers(entry.target, host, defaultPort)) return credentialsList(entry.snmp);
  }
  return undefined;
}

/**
 * The credentials an action that SETs (reboot) may use for `host`: the `write` list of the
 * first entry that has one and covers the host, else the agent-wide `snmpWrite` list. Never
 * the read credentials: an empty list means no write credential is configured for the host.
 */
export function writeCredentialsForHost(
  entries: readonly DiscoveryTarget[],
  host: string,
  defaultPort: number,
  writeDefaults: SnmpSettingsList,
): SnmpCredentials[] {
  for (const entry of entries) {
    if (typeof entry === 'string' || !entry.write) continue;
    if (covers(entry.target, host, defaultPort)) return credentialsList(entry.write);
  }
  return credentialsList(writeDefaults);
}

/** Whether a target entry (an IPv4 range, CIDR or host name) names `host`. */
function covers(target: string, host: string, defaultPort: number): boolean {
  const spec = parseTarget(target, defaultPort);
  return spec.kind === 'host'
    ? spec.host.toLowerCase() === host.toLowerCase()
    : isIpv4Literal(host) && ipv4ToNumber(host) >= spec.first && ipv4ToNumber(host) <= spec.last;
}
