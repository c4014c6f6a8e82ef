import { useQuery } from '@apollo/client/react';
import { AuditEventsDocument, type AuditEventsQuery } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

const ACTOR_LABELS: Readonly<Record<AuditEvent['actorKind'], string>> = {
  USER: 'User',
  API_KEY: 'API key',
  AGENT: 'Agent',
  SYSTEM: 'System',
  ANONYMOUS: 'Anonymous',
};

const OUTCOME_CLASS: Readonly<Record<AuditEvent['outcome'], string>> = {
  SUCCESS: 'badge',
  FAILURE: 'badge badge--danger',
  DENIED: 'badge badge--danger',
};

export function AuditPage() {
  const pagination = useCursorPagination(50);
  const events = useQuery(AuditEventsDocument, { variables: pagination.variables });
  return (
    <Page title="Audit log">
      <DataTable
        caption="Audit events, newest first"
        rows={nodesOf(events.data?.auditEvents)}
        rowKey={(event) => event.id}
        loading={events.loading}
        error={events.error}
        onRetry={() => void events.refetch()}
        emptyTitle="Nothing recorded yet"
        pagination={pagination}
        pageInfo={events.data?.auditEvents.pageInfo}
        columns={[
          { key: 'when', header: 'When', render: (event) => formatDateTime(event.occurredAt) },
          { key: 'action', header: 'Action', render: (event) => <code>{event.action}</code> },
          {
            key: 'actor',
            header: 'By',
            render: (event) => (
              <>
                {ACTOR_LABELS[event.actorKind]}
                {event.actorId && <code className="id"> {event.actorId.slice(0, 8)}</code>}
              </>
            ),
          },
          {
            key: 'target',
            header: 'Target',
            render: (event) =>
              event.targetType ? (
                <>
                  {event.targetType}
                  {event.targetId && <code className="id"> {event.targetId.slice(0, 8)}</code>}
                </>
              ) : (
                '—'
              ),
          },
          {
            key: 'outcome',
            header: 'Outcome',
            render: (event) => (
              <span className={OUTCOME_CLASS[event.outcome]}>{event.outcome.toLowerCase()}</span>
            ),
          },
        ]}
      />
    </Page>
  );
}
