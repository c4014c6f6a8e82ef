import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import {
  NotificationMessagesDocument,
  type NotificationMessageStatus,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

const STATUSES: readonly NotificationMessageStatus[] = ['SENT', 'PENDING', 'HELD', 'FAILED'];

const BADGES: Readonly<Record<NotificationMessageStatus, string>> = {
  SENT: 'badge badge--ok',
  FAILED: 'badge badge--danger',
  PENDING: 'badge badge--muted',
  HELD: 'badge badge--muted',
};

/** Every e-mail, newest first: to whom, about what, and how its delivery went. */
export function DeliveryLog() {
  const [status, setStatus] = useState<NotificationMessageStatus | ''>('');
  const pagination = useCursorPagination(50, status);
  const messages = useQuery(NotificationMessagesDocument, {
    variables: { status: status || null, ...pagination.variables },
  });
  return (
    <>
      <div className="toolbar">
        <label>
          State{' '}
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as NotificationMessageStatus | '')}
          >
            <option value="">all</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DataTable
        caption="E-mails, newest first"
        rows={nodesOf(messages.data?.notificationMessages)}
        rowKey={(message) => message.id}
        loading={messages.loading}
        error={messages.error}
        onRetry={() => void messages.refetch()}
        emptyTitle="No e-mail sent yet"
        pagination={pagination}
        pageInfo={messages.data?.notificationMessages.pageInfo}
        columns={[
          { key: 'when', header: 'Event at', render: (m) => formatDateTime(m.createdAt) },
          {
            key: 'message',
            header: 'Message',
            render: (m) => (
              <>
                {m.subject ?? m.eventType}
                <div className="muted small">
                  {m.eventType} · {m.policyName}
                </div>
              </>
            ),
          },
          { key: 'to', header: 'To', render: (m) => m.recipient },
          {
            key: 'status',
            header: 'State',
            render: (m) => <span className={BADGES[m.status]}>{m.status.toLowerCase()}</span>,
          },
          { key: 'attempts', header: 'Attempts', numeric: true, render: (m) => m.attempts },
          {
            key: 'result',
            header: 'Sent / next try',
            render: (m) =>
              m.sentAt
                ? formatDateTime(m.sentAt)
                : m.nextAttemptAt
                  ? `next ${formatDateTime(m.nextAttemptAt)}`
                  : '—',
          },
          { key: 'error', header: 'Last error', render: (m) => m.lastError ?? '—' },
        ]}
      />
    </>
  );
}
