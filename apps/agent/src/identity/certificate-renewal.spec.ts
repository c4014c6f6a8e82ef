import { certificateValidity, isRenewalDue } from './certificate-renewal.js';
import { startTlsTestServer } from '../gateway-client/test-support/tls-test-server.js';

describe('isRenewalDue', () => {
  const validity = {
    validFrom: new Date('2026-11-01T00:00:00Z'),
    validTo: new Date('2026-12-01T00:00:00Z'),
  }; // 30 days

  it('is not due during the first two thirds of the lifetime', () => {
    expect(isRenewalDue(validity, new Date('2026-11-01T00:00:00Z'))).toBe(false);
    expect(isRenewalDue(validity, new Date('2026-11-20T23:59:59Z'))).toBe(false);
  });

  it('is due from two thirds of the lifetime on, and after expiry', () => {
    expect(isRenewalDue(validity, new Date('2026-11-21T00:00:00Z'))).toBe(true);
    expect(isRenewalDue(validity, new Date('2026-11-30T12:00:00Z'))).toBe(true);
    expect(isRenewalDue(validity, new Date('2027-01-01T00:00:00Z'))).toBe(true);
  });

  it('works for a one-day certificate (8 hours before expiry)', () => {
    const oneDay = {
      validFrom: new Date('2026-11-21T00:00:00Z'),
      validTo: new Date('2026-11-22T00:00:00Z'),
    };
    expect(isRenewalDue(oneDay, new Date('2026-11-21T15:59:00Z'))).toBe(false);
    expect(isRenewalDue(oneDay, new Date('2026-11-21T16:00:00Z'))).toBe(true);
  });
});

describe('certificateValidity', () => {
  it('reads the validity window of a real certificate', async () => {
    const server = await startTlsTestServer();
    try {
      const { validFrom, validTo } = certificateValidity(server.client.certificatePem);
      expect(validTo.getTime() - validFrom.getTime()).toBeGreaterThanOrEqual(
        86_400_000 - 60 * 60_000,
      );
      expect(validTo.getTime() - validFrom.getTime()).toBeLessThanOrEqual(86_400_000 + 60 * 60_000);
      expect(isRenewalDue({ validFrom, validTo }, new Date())).toBe(false);
    } finally {
      await server.close();
    }
  }, 60_000);
});
