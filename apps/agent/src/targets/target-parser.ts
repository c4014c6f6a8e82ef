import type { SnmpTarget } from '../snmp/snmp-client.js';
import { InvalidTargetError, TooManyTargetsError } from './targets.errors.js';

/** One command-line target before expansion. Addresses are IPv4 as unsigned 32-bit numbers. */
export type TargetSpec =
  | { kind: 'host'; input: string; host: string; port: number }
  | { kind: 'range'; input: string; first: number; last: number; port: number };

/** The expanded targets: counted up front, enumerated lazily, duplicates removed. */
export type TargetSet = Iterable<SnmpTarget> & {
  readonly specs: readonly TargetSpec[];
  /** Upper bound (before removing duplicates). */
  readonly count: number;
  /** Every target is a 127.0.0.0/8 literal, so the shared socket can bind loopback. */
  readonly loopbackOnly: boolean;
};

export type TargetParseOptions = {
  defaultPort: number;
  /** Most addresses allowed without `allowLarge` (default 65,536: a /16). */
  maxAddresses?: number;
  allowLarge?: boolean;
};

export const DEFAULT_MAX_ADDRESSES = 65_536;
/** Even with --allow-large: a /8. */
export const ABSOLUTE_MAX_ADDRESSES = 16_777_216;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const LOOPBACK_FIRST = ipv4ToNumber('127.0.0.0');
const LOOPBACK_LAST = ipv4ToNumber('127.255.255.255');

/**
 * Accepts `host[:port]` (IPv4 or name), `a.b.c.d/n`, `a.b.c.d-e.f.g.h` and the shorthand
 * `a.b.c.d-h` (last octet), each optionally followed by `:port`. A CIDR of /30 or wider
 * leaves out its network and broadcast addresses.
 */
export function parseTargets(inputs: readonly string[], options: TargetParseOptions): TargetSet {
  if (inputs.length === 0) throw new InvalidTargetError('', 'no target given');
  const specs = inputs.map((input) => parseTarget(input, options.defaultPort));
  const count = specs.reduce((sum, spec) => sum + specSize(spec), 0);
  const limit =
    options.allowLarge === true
      ? ABSOLUTE_MAX_ADDRESSES
      : (options.maxAddresses ?? DEFAULT_MAX_ADDRESSES);
  if (count > limit) {
    throw new TooManyTargetsError(
      count,
      limit,
      options.allowLarge === true ? '' : '; pass --allow-large to go beyond',
    );
  }
  const loopbackOnly = specs.every((spec) =>
    spec.kind === 'range'
      ? spec.first >= LOOPBACK_FIRST && spec.last <= LOOPBACK_LAST
      : IPV4.test(spec.host) && spec.host.startsWith('127.'),
  );
  return {
    specs,
    count,
    loopbackOnly,
    *[Symbol.iterator](): Iterator<SnmpTarget> {
      const seen = new Set<string>();
      for (const spec of specs) {
        if (spec.kind === 'host') {
          const key = `${spec.host.toLowerCase()}:${spec.port}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield { host: spec.host, port: spec.port };
          continue;
        }
        for (let address = spec.first; address <= spec.last; address += 1) {
          const host = numberToIpv4(address);
          const key = `${host}:${spec.port}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield { host, port: spec.port };
        }
      }
    },
  };
}

export function parseTarget(input: string, defaultPort: number): TargetSpec {
  const trimmed = input.trim();
  if (trimmed === '') throw new InvalidTargetError(input, 'empty');
  const { body, port } = splitPort(input, trimmed, defaultPort);

  if (body.includes('/')) {
    const [base = '', prefixText = ''] = body.split('/');
    if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
      throw new InvalidTargetError(input, 'the prefix length must be 0..32');
    }
    const prefix = Number(prefixText);
    const address = parseIpv4(input, base);
    const size = 2 ** (32 - prefix);
    const network = address - (address % size);
    const broadcast = network + size - 1;
    // Network and broadcast addresses are not hosts, except in /31 and /32 (RFC 3021).
    const first = prefix <= 30 ? network + 1 : network;
    const last = prefix <= 30 ? broadcast - 1 : broadcast;
    return { kind: 'range', input, first, last, port };
  }

  if (body.includes('-') && /^[\d.]+-[\d.]+$/.test(body)) {
    const [fromText = '', toText = ''] = body.split('-');
    const first = parseIpv4(input, fromText);
    let last: number;
    if (/^\d{1,3}$/.test(toText)) {
      const octet = Number(toText);
      if (octet > 255) throw new InvalidTargetError(input, `${toText} is not an octet`);
      last = first - (first % 256) + octet;
    } else {
      last = parseIpv4(input, toText);
    }
    if (last < first) throw new InvalidTargetError(input, 'the range ends before it starts');
    return { kind: 'range', input, first, last, port };
  }

  if (/^[\d.]+$/.test(body)) {
    parseIpv4(input, body);
    return { kind: 'host', input, host: body, port };
  }
  if (body.includes(':')) throw new InvalidTargetError(input, 'IPv6 is not supported');
  if (!HOSTNAME.test(body))
    throw new InvalidTargetError(input, 'not an IPv4 address, range, CIDR or host name');
  return { kind: 'host', input, host: body.replace(/\.$/, ''), port };
}

export function ipv4ToNumber(text: string): number {
  const match = IPV4.exec(text);
  if (match === null) return Number.NaN;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return Number.NaN;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

export function numberToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function isIpv4Literal(host: string): boolean {
  return !Number.isNaN(ipv4ToNumber(host));
}

function specSize(spec: TargetSpec): number {
  return spec.kind === 'host' ? 1 : spec.last - spec.first + 1;
}

function splitPort(
  input: string,
  text: string,
  defaultPort: number,
): { body: string; port: number } {
  const colons = text.split(':').length - 1;
  if (colons === 0) return { body: text, port: defaultPort };
  if (colons > 1) throw new InvalidTargetError(input, 'IPv6 is not supported');
  const index = text.lastIndexOf(':');
  const portText = text.slice(index + 1);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65_535) {
    throw new InvalidTargetError(input, `"${portText}" is not a port (1..65535)`);
  }
  return { body: text.slice(0, index), port };
}

function parseIpv4(input: string, text: string): number {
  const value = ipv4ToNumber(text);
  if (Number.isNaN(value)) throw new InvalidTargetError(input, `"${text}" is not an IPv4 address`);
  return value;
}
