import {
  customerDeletionDue,
  DEFAULT_RETENTION,
  RETENTION_LIMITS,
  type RetentionSetting,
} from './retention-settings.js';

describe('retention settings', () => {
  it('has every default within its limits', () => {
    for (const setting of Object.keys(DEFAULT_RETENTION) as RetentionSetting[]) {
      const { min, max } = RETENTION_LIMITS[setting];
      expect(DEFAULT_RETENTION[setting]).toBeGreaterThanOrEqual(min);
      expect(DEFAULT_RETENTION[setting]).toBeLessThanOrEqual(max);
    }
  });

  it('puts a customer deletion the grace period in days after its request', () => {
    expect(customerDeletionDue(new Date('2026-02-20T10:30:00Z'), 14)).toEqual(
      new Date('2026-03-06T10:30:00Z'),
    );
  });
});
