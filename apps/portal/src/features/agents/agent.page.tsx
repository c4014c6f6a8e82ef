import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  AgentAlertsDocument,
  AgentDocument,
  AgentFactsHistoryDocument,
  AgentUpdateReportsDocument,
} from '../../generated/graphql';
import { DataTable } from '../../shared/data-table';
import { nodesOf } from '../../shared/connection';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState, LoadingState } from '../../shared/states';
import { alertTitle } from '../alerts/alert-text';
import { CustomerName, SiteName } from '../customers/names';
import { updateReportText } from '../releases/release-text';
import { describeClockOffset } from './agent-clock';
import { factsHistoryCells, summarizeAgentFacts } from './agent-facts';
import { AgentUpdateSummary } from './agent-update-summary';

export function AgentPage() {
  const { agentId = '' } = useParams();
  const agent = useQuery(AgentDocument, { variables: { id: agentId } });
  if (agent.error)
    return (
      <Page title="Agent">
        <ErrorState error={agent.error} onRetry={() => void agent.refetch()} />
      </Page>
    );
  const data = agent.data?.agent;
  if (!data) return <LoadingState />;
  const facts = data.facts ? summarizeAgentFacts(data.facts) : [];
  return (
    <Page
      title={`Agent ${data.name ?? data.hostname ?? data.id.slice(0, 8)}`}
      actions={<Link to="/agents">All agents</Link>}
    >
      <dl className="facts">
        <dt>Customer</dt>
        <dd>
          <CustomerName id={data.customerId} link />
        </dd>
        <dt>Site</dt>
        <dd>
          <SiteName id={data.siteId} />
        </dd>
        <dt>Status</dt>
        <dd>
          {data.status.toLowerCase()}
          {data.lockDown && ' · lock-down'}
        </dd>
        <dt>Version</dt>
        <dd>
          <AgentUpdateSummary version={data.version} update={data.update} />
        </dd>
        <dt>Host</dt>
        <dd>
          {facts.length === 0 ? '—' : facts.map((line) => <div key={line}>{line}</div>)}
          {data.factsAt && (
            <div className="muted small">Reported {formatDateTime(data.factsAt)}</div>
          )}
        </dd>
        <dt>Last contact</dt>
        <dd>{formatDateTime(data.lastContactAt)}</dd>
        <dt>Last upload</dt>
        <dd>
          {formatDateTime(data.lastUploadAt)}
          {data.clockOffsetSeconds !== null && data.clockOffsetSeconds !== 0 && (
            <div className={data.clockSkewed ? 'text-danger' : 'muted small'}>
              {describeClockOffset(data.clockOffsetSeconds)}
            </div>
          )}
        </dd>
        <dt>Certificate until</dt>
        <dd>{formatDateTime(data.certificateExpiresAt)}</dd>
      </dl>
      <h2>Health</h2>
      <AgentHealth agentId={data.id} />
      <h2>Facts over time</h2>
      <FactsHistory agentId={data.id} />
      <h2>Update reports</h2>
      <UpdateReports agentId={data.id} />
    </Page>
  );
}

function AgentHealth({ agentId }: { agentId: string }) {
  const alerts = useQuery(AgentAlertsDocument, { variables: { agentId, open: true } });
  return (
    <DataTable
      caption="Open agent alerts"
      rows={nodesOf(alerts.data?.alerts)}
      rowKey={(alert) => alert.id}
      loading={alerts.loading}
      error={alerts.error}
      onRetry={() => void alerts.refetch()}
      emptyTitle="No open alerts"
      emptyBody="Disk, spool, clock and collection look fine in its latest facts."
      columns={[
        {
          key: 'what',
          header: 'Alert',
          render: (alert) => (
            <>
              <strong>{alertTitle(alert.code)}</strong>
              {alert.message && <div>{alert.message}</div>}
            </>
          ),
        },
        {
          key: 'severity',
          header: 'Severity',
          render: (alert) => alert.severity.toLowerCase(),
        },
        { key: 'opened', header: 'Since', render: (alert) => formatDateTime(alert.openedAt) },
        { key: 'seen', header: 'Last seen', render: (alert) => formatDateTime(alert.lastSeenAt) },
      ]}
    />
  );
}

const HISTORY_SPANS = [
  { hours: 24, label: 'Last 24 hours' },
  { hours: 168, label: 'Last 7 days' },
] as const;

/** The agent's facts as central kept them (one snapshot per quarter hour at most), newest first. */
function FactsHistory({ agentId }: { agentId: string }) {
  const [hours, setHours] = useState<number>(HISTORY_SPANS[0].hours);
  const history = useQuery(AgentFactsHistoryDocument, { variables: { id: agentId, hours } });
  const rows = [...(history.data?.agent.factsHistory ?? [])].reverse();
  return (
    <>
      <div className="toolbar">
        <label htmlFor="facts-history-span">Period</label>
        <select
          id="facts-history-span"
          value={hours}
          onChange={(event) => setHours(Number(event.target.value))}
        >
          {HISTORY_SPANS.map((span) => (
            <option key={span.hours} value={span.hours}>
              {span.label}
            </option>
          ))}
        </select>
      </div>
      <DataTable
        caption="Facts over time"
        rows={rows}
        rowKey={(snapshot) => snapshot.at}
        loading={history.loading}
        error={history.error}
        onRetry={() => void history.refetch()}
        emptyTitle="No facts reported in this period"
        columns={[
          { key: 'at', header: 'When', render: (snapshot) => formatDateTime(snapshot.at) },
          ...(['disk', 'memory', 'spool', 'collection'] as const).map((cell) => ({
            key: cell,
            header: HISTORY_HEADERS[cell],
            render: (snapshot: (typeof rows)[number]) => factsHistoryCells(snapshot.facts)[cell],
          })),
        ]}
      />
    </>
  );
}

const HISTORY_HEADERS = {
  disk: 'Disk',
  memory: 'Memory',
  spool: 'Spool',
  collection: 'Last collection',
} as const;

function UpdateReports({ agentId }: { agentId: string }) {
  const reports = useQuery(AgentUpdateReportsDocument, { variables: { agentId } });
  return (
    <DataTable
      caption="Update reports"
      rows={reports.data?.agentUpdateReports}
      rowKey={(report) => report.id}
      loading={reports.loading}
      error={reports.error}
      onRetry={() => void reports.refetch()}
      emptyTitle="No update reported yet"
      columns={[
        { key: 'at', header: 'When', render: (report) => formatDateTime(report.at) },
        { key: 'what', header: 'What happened', render: (report) => updateReportText(report) },
      ]}
    />
  );
}
