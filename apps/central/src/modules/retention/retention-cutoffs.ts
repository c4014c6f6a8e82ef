import type { RetentionSettings } from '@printbeat/domain';

export type RetentionCutoffs = {
  uploads: Date;
  readings: Date;
  audit: Date;
  /** Customers whose deletion was requested before this are deleted. */
  customerDeletions: Date;
  /** Kept billing export files made before this are deleted. */
  exportFiles: Date;
};

function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/** The same day of the month `months` earlier, or that month's last day when it is shorter. */
function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(
    Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0),
  ).getUTCDate();
  cutoff.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

/** Data older than each cutoff is due for deletion. Calendar years: a leap day is kept. */
export function retentionCutoffs(settings: RetentionSettings, now: Date): RetentionCutoffs {
  return {
    uploads: new Date(now.getTime() - settings.uploadRetentionDays * 86_400_000),
    readings: yearsBefore(now, settings.readingRetentionYears),
    audit: yearsBefore(now, settings.auditRetentionYears),
    customerDeletions: new Date(now.getTime() - settings.customerDeletionGraceDays * 86_400_000),
    exportFiles: monthsBefore(now, settings.exportFileRetentionMonths),
  };
}
