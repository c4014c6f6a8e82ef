import { normaliseFingerprint, pinnedCertificate } from './server-chain.js';

describe('CA fingerprints', () => {
  const hex = 'ab'.repeat(32);
  it('reads the forms people paste: colons, upper case, a sha256: prefix', () => {
    expect(normaliseFingerprint(hex.toUpperCase().match(/../g)!.join(':'))).toBe(hex);
    expect(normaliseFingerprint(` SHA256:${hex} `)).toBe(hex);
  });

  it('refuses what is not a SHA-256 fingerprint', () => {
    expect(() => normaliseFingerprint('ab:cd')).toThrow(/64 hex digits/);
    expect(() => normaliseFingerprint(`${hex}zz`)).toThrow(/64 hex digits/);
  });

  it('refuses when no presented certificate matches', () => {
    expect(() => pinnedCertificate([], hex)).toThrow(/presented: none/);
  });
});
