export type RetentionSettings = {
  uploadRetentionDays: number;
  readingRetentionYears: number;
  auditRetentionYears: number;
  customerDeletionGraceDays: number;
  exportFileRetentionMonths: number;
};

export type RetentionCutoffs = {
  uploads: Date;
  readings: Date;
  audit: Date;
  /** Customers whose deletion was requested before this are deleted. */
  customerDeletions: Date;
  /** Kept billing export files made before this are deleted. */
  exportFiles: Date;
};

/** The documented defaults (prisma/schema.prisma, apps/central/README.md "Data retention"). */
export const DEFAULT_RETENTION: RetentionSettings = {
  uploadRetentionDays: 90,
  readingRetentionYears: 7,
  auditRetentionYears: 3,
  customerDeletionGraceDays: 30,
  exportFileRetentionMonths: 24,
};

export const RETENTION_LIMITS = {
  uploadRetentionDays: { min: 1, max: 3650 },
  readingRetentionYears: { min: 1, max: 50 },
  auditRetentionYears: { min: 1, max: 50 },
  customerDeletionGraceDays: { min: 1, max: 365 },
  exportFileRetentionMonths: { min: 1, max: 120 },
} as const;

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
