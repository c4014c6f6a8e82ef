import type { AgentUpdateStatusFieldsFragment } from '../../generated/graphql';
import { formatDateTime } from '../../shared/format';
import { isBadReport, targetText, updateReportText } from '../releases/release-text';

/** Version, target version and last update report of one agent. */
export function AgentUpdateSummary({
  version,
  update,
}: {
  version: string | null;
  update: AgentUpdateStatusFieldsFragment;
}) {
  const report = update.lastReport;
  return (
    <>
      <strong>{version ?? '—'}</strong>
      <div className="muted small">{targetText(update, version)}</div>
      {report && (
        <div
          className={isBadReport(report) ? 'text-danger small' : 'small'}
          title={`Reported ${formatDateTime(report.at)}${report.code ? ` (${report.code})` : ''}`}
        >
          {updateReportText(report)}
        </div>
      )}
    </>
  );
}
