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
});
