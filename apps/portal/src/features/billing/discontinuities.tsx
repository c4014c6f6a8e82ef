import { useMutation, useQuery } from '@apollo/client/react';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { can } from '../../app/navigation';
import {
  MeterDiscontinuitiesDocument,
  ReviewMeterDiscontinuityDocument,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatCount, formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { counterLabel } from '../devices/device-display';
import { DeviceLink } from '../devices/device-name';

/** Counter drops waiting for a person: usage across them is withheld until reviewed. */
export function Discontinuities({
  customerId = null,
  deviceId = null,
}: {
  customerId?: string | null;
  deviceId?: string | null;
}) {
  const user = useCurrentUser();
  const pagination = useCursorPagination(20, `${customerId ?? ''}|${deviceId ?? ''}`);
  const list = useQuery(MeterDiscontinuitiesDocument, {
    variables: { customerId, deviceId, status: ['OPEN'], ...pagination.variables },
  });
  const [review, reviewing] = useMutation(ReviewMeterDiscontinuityDocument);
  const canReview = can(user.role, 'reviewMeters');

  const decide = async (id: string, action: 'ACCEPT_RESET' | 'REJECT_READING') => {
    const question =
      action === 'ACCEPT_RESET'
        ? 'Accept this drop as a counter reset (board or counter replaced)? Usage then continues from the new value.'
        : 'Reject the later reading as a bad read? It will be ignored for billing.';
    if (!window.confirm(question)) return;
    await review({ variables: { id, input: { action } } }).catch(() => null);
    void list.refetch();
  };

  return (
    <>
      {reviewing.error && <ErrorState error={reviewing.error} />}
      <DataTable
        caption="Counter drops to review"
        rows={nodesOf(list.data?.meterDiscontinuities)}
        rowKey={(row) => row.id}
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyTitle="No counter drops waiting for review"
        pagination={pagination}
        pageInfo={list.data?.meterDiscontinuities.pageInfo}
        columns={[
          ...(deviceId
            ? []
            : [
                {
                  key: 'device',
                  header: 'Device',
                  render: (row: { deviceId: string }) => <DeviceLink id={row.deviceId} />,
                },
              ]),
          { key: 'counter', header: 'Counter', render: (row) => counterLabel(row.counter) },
          {
            key: 'before',
            header: 'Before',
            numeric: true,
            render: (row) => (
              <>
                {formatCount(row.beforeValue)}
                <div className="muted small">{formatDateTime(row.beforeReadAt)}</div>
              </>
            ),
          },
          {
            key: 'after',
            header: 'After',
            numeric: true,
            render: (row) => (
              <>
                {formatCount(row.afterValue)}
                <div className="muted small">{formatDateTime(row.afterReadAt)}</div>
              </>
            ),
          },
          ...(canReview
            ? [
                {
                  key: 'review',
                  header: 'Review',
                  render: (row: { id: string }) => (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button"
                        disabled={reviewing.loading}
                        onClick={() => void decide(row.id, 'ACCEPT_RESET')}
                      >
                        Counter reset
                      </button>
                      <button
                        type="button"
                        className="button button--danger"
                        disabled={reviewing.loading}
                        onClick={() => void decide(row.id, 'REJECT_READING')}
                      >
                        Bad read
                      </button>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
