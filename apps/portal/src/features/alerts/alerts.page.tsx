import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { isCustomerRole } from '../../app/navigation';
import { AlertsDocument, type AlertsQuery } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { CustomerPicker } from '../customers/customer-picker';
import { CustomerName } from '../customers/names';
import { DeviceLink } from '../devices/device-name';
import { AgentName } from '../releases/agent-name';
import { alertTitle, isAgentAlert } from './alert-text';
import { trainingLevelText } from './training-level';

type Severity = AlertsQuery['alerts']['edges'][number]['node']['severity'];
const SEVERITIES: readonly Severity[] = ['CRITICAL', 'WARNING', 'INFO'];

export function AlertsPage() {
  const user = useCurrentUser();
  const ownCustomer = isCustomerRole(user.role) ? user.customerId : null;
  const [customerFilter, setCustomerFilter] = useState('');
  const [openOnly, setOpenOnly] = useState(true);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const customerId = ownCustomer ?? (customerFilter === '' ? null : customerFilter);
  const pagination = useCursorPagination(50, [customerId, openOnly, severity].join('|'));
  const alerts = useQuery(AlertsDocument, {
    variables: {
      customerId,
      open: openOnly ? true : null,
      severity: severity === '' ? null : [severity],
      ...pagination.variables,
    },
  });

  return (
    <Page title="Alerts">
      <div className="toolbar filters">
        {ownCustomer === null && (
          <CustomerPicker value={customerFilter} onChange={setCustomerFilter} />
        )}
        <div className="field">
          <label htmlFor="alert-severity">Severity</label>
          <select
            id="alert-severity"
            value={severity}
            onChange={(event) => setSeverity(event.target.value as Severity | '')}
          >
            <option value="">All</option>
            {SEVERITIES.map((value) => (
              <option key={value} value={value}>
                {value.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={openOnly}
            onChange={(event) => setOpenOnly(event.target.checked)}
          />
          Open only
        </label>
      </div>
      <DataTable
        caption="Alerts"
        rows={nodesOf(alerts.data?.alerts)}
        rowKey={(alert) => alert.id}
        loading={alerts.loading}
        error={alerts.error}
        onRetry={() => void alerts.refetch()}
        emptyTitle={openOnly ? 'No open alerts' : 'No alerts'}
        pagination={pagination}
        pageInfo={alerts.data?.alerts.pageInfo}
        columns={[
          {
            key: 'severity',
            header: 'Severity',
            render: (alert) => (
              <span
                className={
                  alert.severity === 'CRITICAL'
                    ? 'badge badge--danger'
                    : alert.severity === 'WARNING'
                      ? 'badge'
                      : 'badge badge--muted'
                }
              >
                {alert.severity.toLowerCase()}
              </span>
            ),
          },
          {
            key: 'what',
            header: 'Alert',
            render: (alert) => (
              <>
                <strong>{alertTitle(alert.code)}</strong>
                {alert.message && <div>{alert.message}</div>}
                {trainingLevelText(alert.trainingLevel) && (
                  <div className="muted small">{trainingLevelText(alert.trainingLevel)}</div>
                )}
              </>
            ),
          },
          {
            key: 'device',
            header: 'Device or agent',
            render: (alert) =>
              alert.deviceId ? (
                <DeviceLink id={alert.deviceId} />
              ) : isAgentAlert(alert) && alert.agentId ? (
                <>
                  Agent <AgentName id={alert.agentId} />
                </>
              ) : (
                '—'
              ),
          },
          ...(ownCustomer === null
            ? [
                {
                  key: 'customer',
                  header: 'Customer',
                  render: (alert: { customerId: string }) => <CustomerName id={alert.customerId} />,
                },
              ]
            : []),
          { key: 'opened', header: 'Opened', render: (alert) => formatDateTime(alert.openedAt) },
          { key: 'seen', header: 'Last seen', render: (alert) => formatDateTime(alert.lastSeenAt) },
          {
            key: 'closed',
            header: 'Closed',
            render: (alert) => (alert.closedAt ? formatDateTime(alert.closedAt) : 'open'),
          },
        ]}
      />
    </Page>
  );
}
