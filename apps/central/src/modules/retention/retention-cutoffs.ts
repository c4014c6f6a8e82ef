export type RetentionSettings = {
  uploadRetentionDays: number;
  readingRetentionYears: number;
  auditRetentionYears: number;
};

export type RetentionCutoffs = { uploads: Date; readings: Date; audit: Date };

/** The documented defaults (prisma/schema.prisma, apps/central/README.md "Data retention"). */
export const DEFAULT_RETENTION: RetentionSettings = {
  uploadRetentionDays: 90,
  readingRetentionYears: 7,
  auditRetentionYears: 3,
};

export const RETENTION_LIMITS = {
  uploadRetentionDays: { min: 1, max: 3650 },
  readingRetentionYears: { min: 1, max: 50 },
  auditRetentionYears: { min: 1, max: 50 },
} as const;

function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/** Data older than each cutoff is due for deletion. Calendar years: a leap day is kept. */
export function retentionCutoffs(settings: RetentionSettings, now: Date): RetentionCutoffs {
  return {
    uploads: new Date(now.getTime() - settings.uploadRetentionDays * 86_400_000),
    readings: yearsBefore(now, settings.readingRetentionYears),
    audit: yearsBefore(now, settings.auditRetentionYears),
  };
}
