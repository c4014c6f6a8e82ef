import { DEFAULT_RETENTION } from '@printbeat/domain';
import { describe, expect, it } from 'vitest';
import {
  changedSettings,
  defaultAndRange,
  draftOf,
  saveBlockedReason,
  valueProblem,
} from './retention-fields';

describe('retention fields', () => {
  it("names central's default and range", () => {
    expect(defaultAndRange('uploadRetentionDays')).toBe('Default 90 days; 1 to 3650 days.');
    expect(defaultAndRange('exportFileRetentionMonths')).toBe(
      'Default 24 months; 1 to 120 months.',
    );
  });

  it('accepts whole numbers within the range only', () => {
    const problem = 'Audit events: enter a whole number of years from 1 to 50.';
    expect(valueProblem('auditRetentionYears', '1')).toBeNull();
    expect(valueProblem('auditRetentionYears', ' 50 ')).toBeNull();
    for (const text of ['0', '51', '2.5', '-3', '', 'ten'])
      expect(valueProblem('auditRetentionYears', text)).toBe(problem);
  });

  it('sends only the changed valid values', () => {
    const draft = {
      ...draftOf(DEFAULT_RETENTION),
      auditRetentionYears: '5',
      readingRetentionYears: '0',
    };
    expect(changedSettings(DEFAULT_RETENTION, draft)).toEqual({ auditRetentionYears: 5 });
  });

  it('says why saving is blocked: a value out of range first, else nothing changed', () => {
    const unchanged = draftOf(DEFAULT_RETENTION);
    expect(saveBlockedReason(DEFAULT_RETENTION, unchanged)).toBe('No changes to save.');
    expect(
      saveBlockedReason(DEFAULT_RETENTION, { ...unchanged, customerDeletionGraceDays: '400' }),
    ).toBe(
      'Grace period before a customer is deleted: enter a whole number of days from 1 to 365.',
    );
    expect(
      saveBlockedReason(DEFAULT_RETENTION, { ...unchanged, uploadRetentionDays: '30' }),
    ).toBeNull();
  });
});
