const TRAINING_LEVELS: Readonly<Record<string, string>> = {
  untrained: 'anyone can clear it',
  trained: 'a trained user can clear it',
  fieldService: 'needs a technician',
  management: 'for the administrator',
  noInterventionRequired: 'no action needed',
};

/**
 * Who the printer says can clear an alert (RFC 3805 prtAlertTrainingLevel), in words; null
 * when it gave none or only other/unknown.
 */
export function trainingLevelText(level: string | null | undefined): string | null {
  return level ? (TRAINING_LEVELS[level] ?? null) : null;
}
