import type { AgentUpdateStatusFieldsFragment } from '../../generated/graphql';

type Report = NonNullable<AgentUpdateStatusFieldsFragment['lastReport']>;

/** What the agent reported about an update, in a sentence (outcome, versions, its reason). */
export function updateReportText(report: Report): string {
  switch (report.outcome) {
    case 'INSTALLED':
      return `Updated from ${report.fromVersion} to ${report.toVersion}`;
    case 'ROLLED_BACK':
      return `Rolled back from ${report.toVersion} to ${report.fromVersion}: ${report.reason}`;
    case 'REFUSED':
      return `Refused ${report.toVersion}: ${report.reason}`;
    case 'FAILED':
      return `Update to ${report.toVersion} failed: ${report.reason}`;
    default:
      return `${report.outcome.toLowerCase()} ${report.toVersion}: ${report.reason}`;
  }
}

/** A report that needs someone's attention. */
export function isBadReport(report: Report): boolean {
  return report.outcome !== 'INSTALLED';
}

/** The target's line for the agents list: which version, and whether it is on its way. */
export function targetText(
  update: Pick<
    AgentUpdateStatusFieldsFragment,
    'targetVersion' | 'offered' | 'downgrade' | 'reason'
  >,
  running: string | null,
): string {
  if (update.targetVersion === null) return 'No target';
  if (update.targetVersion === running) return `Target ${update.targetVersion} (running it)`;
  if (update.offered)
    return `Target ${update.targetVersion}: ${update.downgrade ? 'downgrade' : 'update'} offered`;
  return `Target ${update.targetVersion}: not offered — ${update.reason ?? 'no reason given'}`;
}
