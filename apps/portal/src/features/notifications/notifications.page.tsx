import { useMutation, useQuery } from '@apollo/client/react';
import { useCurrentUser } from '../../app/auth/auth-provider';
import {
  DeleteNotificationPolicyDocument,
  NotificationPoliciesDocument,
  NotificationSettingsDocument,
  UpdateNotificationPolicyDocument,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { DeliveryLog } from './delivery-log';
import { EVENT_LABELS, ROLE_LABELS, timeOfMinute } from './policy-form-state';
import { PolicyForm } from './policy-form';

export function NotificationsPage() {
  const user = useCurrentUser();
  const settings = useQuery(NotificationSettingsDocument);
  const pagination = useCursorPagination(25);
  const policies = useQuery(NotificationPoliciesDocument, { variables: pagination.variables });
  const [update, updating] = useMutation(UpdateNotificationPolicyDocument);
  const [remove, removing] = useMutation(DeleteNotificationPolicyDocument);
  const mailConfigured = settings.data?.mailDelivery.configured;

  return (
    <Page title="E-mail notifications">
      {mailConfigured === false && (
        <p role="status" className="card notice--warning">
          E-mail is not configured on this server (SMTP_HOST is unset): policies are kept, but no
          e-mail is sent.
        </p>
      )}
      <p className="lead">
        Policies e-mail the events you choose to people by role or address, at once or as a daily
        digest; quiet hours hold messages until the site&apos;s morning.
      </p>
      <details className="card disclosure">
        <summary>New policy</summary>
        <PolicyForm
          role={user.role}
          locales={settings.data?.notificationSettings.locales ?? ['en']}
          onCreated={() => void policies.refetch()}
        />
      </details>
      {(updating.error ?? removing.error) && (
        <ErrorState error={updating.error ?? removing.error!} />
      )}
      <DataTable
        caption="Notification policies"
        rows={nodesOf(policies.data?.notificationPolicies)}
        rowKey={(policy) => policy.id}
        loading={policies.loading}
        error={policies.error}
        onRetry={() => void policies.refetch()}
        emptyTitle="No notification policies"
        pagination={pagination}
        pageInfo={policies.data?.notificationPolicies.pageInfo}
        columns={[
          {
            key: 'name',
            header: 'Policy',
            render: (policy) => (
              <>
                {policy.name}
                <div className="muted small">
                  {policy.customerId ? 'One customer' : 'Every customer'} ·{' '}
                  {policy.deliveryMode === 'DAILY_DIGEST'
                    ? `daily digest at ${policy.digestHour}:00 (${policy.timeZone})`
                    : 'at once'}
                  {policy.quietStartMinute !== null &&
                    ` · quiet ${timeOfMinute(policy.quietStartMinute)}–${timeOfMinute(policy.quietEndMinute)}`}
                </div>
              </>
            ),
          },
          {
            key: 'events',
            header: 'Events',
            render: (policy) =>
              [
                policy.eventTypes.map((type) => EVENT_LABELS[type]).join(', '),
                policy.alertSeverities.length
                  ? policy.alertSeverities.join('/').toLowerCase()
                  : null,
                policy.alertCodes.length ? policy.alertCodes.join(', ') : null,
              ]
                .filter(Boolean)
                .join(' · '),
          },
          {
            key: 'recipients',
            header: 'Recipients',
            render: (policy) =>
              [
                ...policy.recipientRoles.map((role) => ROLE_LABELS[role] ?? role),
                ...policy.recipientEmails,
              ].join(', '),
          },
          {
            key: 'enabled',
            header: 'Enabled',
            render: (policy) => (
              <input
                type="checkbox"
                checked={policy.enabled}
                aria-label={`Policy ${policy.name} enabled`}
                disabled={updating.loading}
                onChange={(event) =>
                  void update({
                    variables: { id: policy.id, input: { enabled: event.target.checked } },
                  }).catch(() => null)
                }
              />
            ),
          },
          {
            key: 'actions',
            header: 'Actions',
            render: (policy) => (
              <button
                type="button"
                className="button button--danger"
                disabled={removing.loading}
                onClick={() => {
                  if (!window.confirm(`Delete the policy ${policy.name}?`)) return;
                  void remove({ variables: { id: policy.id } })
                    .then(() => policies.refetch())
                    .catch(() => null);
                }}
              >
                Delete
              </button>
            ),
          },
        ]}
      />
      <h2>Delivery log</h2>
      <DeliveryLog />
    </Page>
  );
}
