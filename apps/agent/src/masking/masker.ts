import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { EffectiveMasking, MaskingMode, MaskingPolicy } from './masking-policy.js';

/** The kinds of value a token stands for; each is its token's prefix. */
export type TokenKind = 'ip' | 'mac' | 'host' | 'contact' | 'location';

/** Hex digits kept of the HMAC: 64 bits, no collision within any one customer's fleet. */
const TOKEN_HEX_DIGITS = 16;

export const TOKEN_PATTERN = /^(ip|mac|host|contact|location)-[0-9a-f]{16}$/;

const MAC_IN_TEXT = /\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\b/g;
const IPV6_CANDIDATE = /[0-9A-Fa-f]*(?::[0-9A-Fa-f]*){2,7}(?:\.\d{1,3}){0,3}/g;
const IPV4_IN_TEXT = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;

/**
 * Applies one masking policy to single values and free text. A hashed value becomes a keyed
 * token (HMAC-SHA-256 with the customer's key, truncated, prefixed by its kind): the same value
 * always gives the same token, so central recognises a device without learning its address.
 */
export class Masker {
  /** Host names of this machine, also taken out of free text when host names are masked. */
  private readonly ownHostNames: string[];

  constructor(
    private readonly masking: EffectiveMasking,
    ownHostNames: readonly string[] = [],
  ) {
    this.ownHostNames = ownHostNames.filter((name) => name.length >= 3);
  }

  get policy(): MaskingPolicy {
    return this.masking.policy;
  }

  /** True when every group is sent as it is. */
  get sendsEverything(): boolean {
    return Object.values(this.masking.policy).every((mode) => mode === 'send');
  }

  token(kind: TokenKind, value: string): string {
    if (!this.masking.key) throw new Error('no masking key: a hashed group must be withheld');
    const digest = createHmac('sha256', this.masking.key)
      .update(`${kind}\u0000${normalised(kind, value)}`)
      .digest('hex');
    return `${kind}-${digest.slice(0, TOKEN_HEX_DIGITS)}`;
  }

  /** A single value of one kind: as it is, its token, or null. */
  value(kind: TokenKind, value: string | null): string | null {
    if (value === null || value === '') return value;
    switch (this.modeOf(kind)) {
      case 'send':
        return value;
      case 'hash':
        return this.token(kind, value);
      case 'withhold':
        return null;
    }
  }

  /** An IP literal or a MAC address split into the plain value and its token (for `ipHash`/`macHash`). */
  split(kind: 'ip' | 'mac', value: string | null): { plain: string | null; hash: string | null } {
    if (value === null || value === '') return { plain: value, hash: null };
    switch (this.modeOf(kind)) {
      case 'send':
        return { plain: value, hash: null };
      case 'hash':
        return { plain: null, hash: this.token(kind, value) };
      case 'withhold':
        return { plain: null, hash: null };
    }
  }

  /** A polling address (IP literal or host name) masked by its kind; null when withheld. */
  address(address: string): string | null {
    return this.value(isIP(address) ? 'ip' : 'host', address);
  }

  /**
   * Free text (sysDescr, console, messages) with every IP literal, MAC address and the given
   * host names replaced by their token or a `[… withheld]` marker, as the policy says.
   */
  text(value: string | null, hostNames: readonly (string | null)[] = []): string | null {
    if (value === null || value === '' || this.sendsEverything) return value;
    let out = value;
    if (this.policy.mac !== 'send')
      out = out.replace(MAC_IN_TEXT, (mac) => this.inText('mac', mac.replace(/-/g, ':')));
    if (this.policy.ip !== 'send') {
      out = out.replace(IPV6_CANDIDATE, (found) =>
        isIP(found) === 6 ? this.inText('ip', found) : found,
      );
      out = out.replace(IPV4_IN_TEXT, (found) => (isIP(found) ? this.inText('ip', found) : found));
    }
    if (this.policy.hostname !== 'send') {
      const names = [...hostNames, ...this.ownHostNames].filter(
        (name): name is string => !!name && name.length >= 3 && !isIP(name),
      );
      for (const name of names.sort((a, b) => b.length - a.length))
        out = out.replace(new RegExp(escapeRegExp(name), 'gi'), (found) =>
          this.inText('host', found),
        );
    }
    return out;
  }

  /** Every string inside a JSON-like value passed through `text` (command results, facts). */
  deep<T>(value: T): T {
    if (typeof value === 'string') return (this.text(value) ?? value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.deep(item)) as T;
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          this.deep(item),
        ]),
      ) as T;
    return value;
  }

  private inText(kind: TokenKind, value: string): string {
    const masked = this.value(kind, value);
    return masked ?? `[${kind} withheld]`;
  }

  private modeOf(kind: TokenKind): MaskingMode {
    switch (kind) {
      case 'ip':
        return this.policy.ip;
      case 'mac':
        return this.policy.mac;
      case 'host':
        return this.policy.hostname;
      case 'contact':
      case 'location':
        return this.policy.contactLocation;
    }
  }
}

function normalised(kind: TokenKind, value: string): string {
  const trimmed = value.trim();
  return kind === 'contact' || kind === 'location' ? trimmed : trimmed.toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
