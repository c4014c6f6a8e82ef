import { lookup } from 'node:dns/promises';
import type { SnmpTarget } from '../snmp/snmp-client.js';
import { isIpv4Literal } from './target-parser.js';
import { HostLookupError } from './targets.errors.js';

export type HostResolver = (host: string) => Promise<string>;

/** IPv4 literals pass through; names go through the system resolver (IPv4 only). */
export const resolveHost: HostResolver = async (host) => {
  if (isIpv4Literal(host)) return host;
  try {
    const { address } = await lookup(host, { family: 4 });
    return address;
  } catch (error) {
    throw new HostLookupError(host, error instanceof Error ? error.message : String(error));
  }
};

export async function resolveTarget(
  target: SnmpTarget,
  resolver: HostResolver = resolveHost,
): Promise<SnmpTarget> {
  return { host: await resolver(target.host), port: target.port };
}
