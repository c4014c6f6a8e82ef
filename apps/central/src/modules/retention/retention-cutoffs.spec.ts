import { customerDeletionDue, DEFAULT_RETENTION } from '@printbeat/domain';
import { retentionCutoffs } from './retention-cutoffs.js';

describe('retention cutoffs', () => {
  it('counts upload days in days and readings and audit in calendar years', () => {
    const now = new Date('2026-12-07T03:17:00Z');
    expect(retentionCutoffs(DEFAULT_RETENTION, now)).toEqual({
      uploads: new Date('2026-09-08T03:17:00Z'),
      readings: new Date('2019-12-07T03:17:00Z'),
      audit: new Date('2023-12-07T03:17:00Z'),
      customerDeletions: new Date('2026-11-07T03:17:00Z'),
      exportFiles: new Date('2024-12-07T03:17:00Z'),
    });
  });

  it('keeps the same calendar day across leap years', () => {
    const cutoffs = retentionCutoffs(
      {
        uploadRetentionDays: 1,
        readingRetentionYears: 4,
        auditRetentionYears: 1,
        customerDeletionGraceDays: 1,
        exportFileRetentionMonths: 48,
      },
      new Date('2028-03-01T00:00:00Z'),
    );
    expect(cutoffs.readings).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(cutoffs.uploads).toEqual(new Date('2028-02-29T00:00:00Z'));
    expect(cutoffs.exportFiles).toEqual(new Date('2024-03-01T00:00:00Z'));
  });

  it("counts export file months in calendar months, ending on a shorter month's last day", () => {
    const settings = { ...DEFAULT_RETENTION, exportFileRetentionMonths: 1 };
    expect(retentionCutoffs(settings, new Date('2026-03-31T12:00:00Z')).exportFiles).toEqual(
      new Date('2026-02-28T12:00:00Z'),
    );
    expect(
      retentionCutoffs(
        { ...settings, exportFileRetentionMonths: 13 },
        new Date('2027-01-15T00:00:00Z'),
      ).exportFiles,
    ).toEqual(new Date('2025-12-15T00:00:00Z'));
  });

  it('deletes a customer at the first run after the date the portal shows', () => {
    const requestedAt = new Date('2026-11-07T03:17:00Z');
    const due = customerDeletionDue(requestedAt, DEFAULT_RETENTION.customerDeletionGraceDays);
    expect(due).toEqual(new Date('2026-12-07T03:17:00Z'));
    const cutoffAt = (now: Date) => retentionCutoffs(DEFAULT_RETENTION, now).customerDeletions;
    // The repository deletes requests strictly before the cutoff.
    expect(requestedAt < cutoffAt(due)).toBe(false);
    expect(requestedAt < cutoffAt(new Date(due.getTime() + 1))).toBe(true);
  });
});
