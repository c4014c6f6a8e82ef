import { BlockList, isIP } from 'node:net';

/** `NO_PROXY` / `no_proxy`, the hosts a customer's IT keeps off the proxy. */
export function noProxyFromEnvironment(): string | undefined {
  return process.env.NO_PROXY ?? process.env.no_proxy;
}

/**
 * Whether a URL's host is on a NO_PROXY list, with the rules curl and most tools share:
 * entries separated by commas or spaces; `*` alone matches everything; a name matches itself
 * and its subdomains (`example.com` and `.example.com` both match `gw.example.com`); an IP
 * address matches itself, an IPv4/IPv6 CIDR its range; `host:port` only that port.
 */
export function bypassesProxy(url: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry.length > 0)
    .some((entry) => entry === '*' || matches(host, port, entry));
}

function matches(host: string, port: string, entry: string): boolean {
  const { name, entryPort } = splitPort(entry);
  if (entryPort !== null && entryPort !== port) return false;
  if (name.includes('/')) return inCidr(host, name);
  if (isIP(name) !== 0 || isIP(host) !== 0) return name === host;
  const domain = name.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

function splitPort(entry: string): { name: string; entryPort: string | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] ?? null };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  return withPort
    ? { name: withPort[1]!, entryPort: withPort[2]! }
    : { name: entry, entryPort: null };
}

function inCidr(host: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network ?? '');
  if (family === 0 || isIP(host) !== family || !/^\d+$/.test(bits ?? '')) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  try {
    list.addSubnet(network!, Number(bits), type);
  } catch {
    return false;
  }
  return list.check(host, type);
}
