import { useQuery } from '@apollo/client/react';
import { AuditEventsDocument } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

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
          { key: 'actor', header: 'By', render: (event) => event.actor },
          {
            key: 'target',
            header: 'Target',
            render: (event) => (event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : '—'),
          },
        ]}
      />
    </Page>
  );
}
