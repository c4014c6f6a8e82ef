import {
  DEFAULT_RETENTION,
  RETENTION_LIMITS,
  type RetentionSetting,
  type RetentionSettings,
} from '@printbeat/domain';

export type RetentionDraft = Record<RetentionSetting, string>;

type Unit = 'days' | 'months' | 'years';

/** Every setting in the order the form shows them, with what it keeps and in which unit. */
export const RETENTION_FIELDS: ReadonlyArray<{
  setting: RetentionSetting;
  label: string;
  unit: Unit;
  hint: string;
}> = [
  {
    setting: 'uploadRetentionDays',
    label: 'Raw upload archives',
    unit: 'days',
    hint: 'The archives as agents sent them; readings taken from them stay.',
  },
  {
    setting: 'readingRetentionYears',
    label: 'Meter reads and supply levels',
    unit: 'years',
    hint: "Each device's and supply's newest reading always stays.",
  },
  {
    setting: 'auditRetentionYears',
    label: 'Audit events',
    unit: 'years',
    hint: 'Who changed what, when.',
  },
  {
    setting: 'exportFileRetentionMonths',
    label: 'Kept billing export files',
    unit: 'months',
    hint: 'Counted in calendar months from when each file was made.',
  },
  {
    setting: 'customerDeletionGraceDays',
    label: 'Grace period before a customer is deleted',
    unit: 'days',
    hint: 'A requested deletion can be cancelled until it ends.',
  },
];

const unitOf = (setting: RetentionSetting): Unit =>
  RETENTION_FIELDS.find((field) => field.setting === setting)?.unit ?? 'days';

/** "90 days", "1 year". */
export function amount(value: number, unit: Unit): string {
  return `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;
}

/** "Default 90 days; 1 to 3650 days." */
export function defaultAndRange(setting: RetentionSetting): string {
  const { min, max } = RETENTION_LIMITS[setting];
  const unit = unitOf(setting);
  return `Default ${amount(DEFAULT_RETENTION[setting], unit)}; ${min} to ${max} ${unit}.`;
}

export function draftOf(settings: RetentionSettings): RetentionDraft {
  const draft = {} as RetentionDraft;
  for (const { setting } of RETENTION_FIELDS) draft[setting] = String(settings[setting]);
  return draft;
}

/** What is wrong with one typed value (central's range), or null when it may be sent. */
export function valueProblem(setting: RetentionSetting, text: string): string | null {
  const { min, max } = RETENTION_LIMITS[setting];
  const value = text.trim();
  const label = RETENTION_FIELDS.find((field) => field.setting === setting)?.label ?? setting;
  const problem = `${label}: enter a whole number of ${unitOf(setting)} from ${min} to ${max}.`;
  if (!/^\d+$/.test(value)) return problem;
  const number = Number(value);
  return number < min || number > max ? problem : null;
}

/** The settings the draft changes, as numbers; only valid values are included. */
export function changedSettings(
  saved: RetentionSettings,
  draft: RetentionDraft,
): Partial<RetentionSettings> {
  const changes: Partial<RetentionSettings> = {};
  for (const { setting } of RETENTION_FIELDS) {
    if (valueProblem(setting, draft[setting]) !== null) continue;
    const value = Number(draft[setting].trim());
    if (value !== saved[setting]) changes[setting] = value;
  }
  return changes;
}

/** Why the draft cannot be saved (the first problem, or nothing changed), or null. */
export function saveBlockedReason(saved: RetentionSettings, draft: RetentionDraft): string | null {
  for (const { setting } of RETENTION_FIELDS) {
    const problem = valueProblem(setting, draft[setting]);
    if (problem) return problem;
  }
  return Object.keys(changedSettings(saved, draft)).length > 0 ? null : 'No changes to save.';
}
