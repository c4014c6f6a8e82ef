/** How long a dealer's data is kept (central's `RetentionSettings`). */
export type RetentionSettings = {
  uploadRetentionDays: number;
  readingRetentionYears: number;
  auditRetentionYears: number;
  customerDeletionGraceDays: number;
  exportFileRetentionMonths: number;
};

export type RetentionSetting = keyof RetentionSettings;

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
} as const satisfies Record<RetentionSetting, { min: number; max: number }>;

const DAY_MS = 86_400_000;

/**
 * When the nightly retention job may delete a customer whose deletion was requested at
 * `requestedAt`: the grace period later (it deletes at its first run after this).
 */
export function customerDeletionDue(requestedAt: Date, graceDays: number): Date {
  return new Date(requestedAt.getTime() + graceDays * DAY_MS);
}
