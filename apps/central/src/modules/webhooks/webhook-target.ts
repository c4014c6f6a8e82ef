import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { AddressList, plainAddress } from '../../platform/http/address-list.js';

/** Ranges a webhook never goes to unless WEBHOOK_ALLOWED_TARGETS names them (RFC 6890 and kin). */
const NON_PUBLIC: readonly [string, string][] = [
  ['0.0.0.0/8', 'an unspecified'],
  ['10.0.0.0/8', 'a private'],
  ['100.64.0.0/10', 'a carrier-grade NAT'],
  ['127.0.0.0/8', 'a loopback'],
  ['169.254.0.0/16', 'a link-local'],
  ['172.16.0.0/12', 'a private'],
  ['192.0.0.0/24', 'a reserved'],
  ['192.168.0.0/16', 'a private'],
  ['198.18.0.0/15', 'a benchmarking'],
  ['224.0.0.0/4', 'a multicast'],
  ['240.0.0.0/4', 'a reserved'],
  ['::/128', 'an unspecified'],
  ['::1/128', 'a loopback'],
  ['fc00::/7', 'a private'],
  ['fe80::/10', 'a link-local'],
  ['ff00::/8', 'a multicast'],
];

const DNS_TIMEOUT_MS = 2_000;

export class WebhookTargetRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Where webhooks may go: public addresses, plus whatever the operator allowed. Checked when an
 * endpoint is saved (literal addresses and names that resolve) and again on every delivery, at
 * the moment of connecting, so a name that later resolves to an inner address (DNS
 * rebinding) is refused too.
 */
export class WebhookTargets {
  private readonly ranges = NON_PUBLIC.map(([cidr, kind]) => ({
    list: new AddressList([cidr]),
    kind,
  }));

  constructor(private readonly allowed: AddressList) {}

  /** Why the address may not be a webhook target, or null when it may. */
  refusalFor(address: string): string | null {
    const plain = plainAddress(address) ?? address;
    if (this.allowed.has(plain)) return null;
    const range = this.ranges.find((each) => each.list.has(plain));
    return range
      ? `${plain} is ${range.kind} address: webhooks go to public addresses only (WEBHOOK_ALLOWED_TARGETS)`
      : null;
  }

  /** Why the URL's host may not be a target, or null (a name that does not resolve yet passes). */
  async refusalForUrl(url: string): Promise<string | null> {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0) return this.refusalFor(host);
    const addresses = await resolveAll(host);
    for (const address of addresses) {
      const refusal = this.refusalFor(address);
      if (refusal) return `${host} resolves to ${refusal}`;
    }
    return null;
  }

  /** A `lookup` for node:http(s) that fails the connection when the name resolves inward. */
  readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.map((each) => this.refusalFor(each.address)).find(Boolean);
      if (refused)
        return callback(new WebhookTargetRefusedError(`${hostname} resolves to ${refused}`), '', 0);
      if (options.all) return callback(null, addresses, 0);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), DNS_TIMEOUT_MS);
    dnsLookup(host, { all: true }, (error, addresses) => {
      clearTimeout(timer);
      resolve(error ? [] : addresses.map((each) => each.address));
    });
  });
}
