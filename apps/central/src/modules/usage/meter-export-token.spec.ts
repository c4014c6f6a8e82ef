import { MeterExportTokens, type MeterExportGrant } from './meter-export-token.js';

const grant: MeterExportGrant = {
  tenantId: 't',
  customerId: 'c',
  scopeCustomerId: null,
  actor: 'user:u',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-02-01T00:00:00.000Z',
  counters: null,
  expiresAt: 2_000,
};

describe('MeterExportTokens', () => {
  const tokens = new MeterExportTokens('master');
  it('verifies its own token until it expires', () => {
    const token = tokens.sign(grant);
    expect(tokens.verify(token, 1_999)).toEqual(grant);
    expect(tokens.verify(token, 2_001)).toBeNull();
  });
  it('refuses a token signed with another key or with a changed grant', () => {
    const token = tokens.sign(grant);
    expect(new MeterExportTokens('other').verify(token, 1_000)).toBeNull();
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...grant, customerId: 'other' })).toString('base64url')}.${mac}`;
    expect(tokens.verify(forged, 1_000)).toBeNull();
    expect(tokens.verify('garbage', 1_000)).toBeNull();
    expect(tokens.verify(`${token}.x`, 1_000)).toBeNull();
  });
  it('accepts only the exact spelling of the MAC, not another encoding of the same bytes', () => {
    const token = tokens.sign(grant);
    const last = token.at(-1)!;
    // A 32-byte MAC is 43 base64url characters: the last one carries 2 unused bits, so flipping
    // its lowest bit decodes to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = alphabet[alphabet.indexOf(last) ^ 1]!;
    const respelled = `${token.slice(0, -1)}${sameBytes}`;
    expect(Buffer.from(respelled.split('.')[1]!, 'base64url')).toEqual(
      Buffer.from(token.split('.')[1]!, 'base64url'),
    );
    expect(tokens.verify(respelled, 1_000)).toBeNull();
    expect(tokens.verify(`${token}=`, 1_000)).toBeNull();
    expect(tokens.verify(token.replace('.', '.!'), 1_000)).toBeNull();
  });
});
