import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a signed export link grants: one customer's meters for one period, as its creator saw them. */
export type MeterExportGrant = {
  tenantId: string;
  /** The customer whose meters are exported; null: every customer the creator sees. */
  customerId: string | null;
  /** The creator's own customer scope (customer users), re-applied when the link is used. */
  scopeCustomerId: string | null;
  /** `user:<id>` / `apiKey:<id>`, for the audit trail of the download. */
  actor: string;
  from: string;
  to: string;
  counters: string[] | null;
  /** Start the CSV with a UTF-8 byte order mark (absent in links made before the option). */
  bom?: boolean;
  /** Unix seconds. */
  expiresAt: number;
};

/**
 * Compact signed token `<base64url JSON>.<base64url HMAC-SHA256>` with a key derived (HKDF)
 * from central's JWT secret for one purpose only, so a download link is never a session token,
 * nor a link of another purpose, and vice versa.
 */
export class SignedLinkTokens<G extends { expiresAt: number }> {
  private readonly key: Buffer;

  constructor(masterSecret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'printbeat', purpose, 32));
  }

  sign(grant: G): string {
    const body = Buffer.from(JSON.stringify(grant), 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The grant, or null when the token is malformed, forged or expired. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): G | null {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    // The encoded texts are compared, not the decoded bytes: base64url decoding ignores the
    // unused low bits of the last character and skips characters outside the alphabet, so
    // other spellings of the same MAC would pass.
    const expected = Buffer.from(this.mac(body), 'ascii');
    const given = Buffer.from(mac, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const grant = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as G;
      return typeof grant.expiresAt === 'number' && grant.expiresAt >= nowSeconds ? grant : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** Links to a period's billing export CSV (`createMeterExport`). */
export class MeterExportTokens extends SignedLinkTokens<MeterExportGrant> {
  constructor(masterSecret: string) {
    super(masterSecret, 'meter-export-links v1');
  }
}
