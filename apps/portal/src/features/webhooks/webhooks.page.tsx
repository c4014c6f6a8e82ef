import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  RotateWebhookEndpointSecretDocument,
  UpdateWebhookEndpointDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
  type WebhookEndpointFieldsFragment,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { ReasonedButton } from '../../shared/disabled-reason';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { SecretOnce, SecretValue } from '../../shared/secret-once';
import { toggled } from '../../shared/selection';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';

type EventType = WebhookEndpointFieldsFragment['eventTypes'][number];

const EVENT_LABELS: Readonly<Record<EventType, string>> = {
  SUPPLY_ORDER_CREATED: 'Supply order created',
  ALERT_OPENED: 'Alert opened',
  ALERT_CLOSED: 'Alert closed',
  METER_DISCONTINUITY_OPENED: 'Counter drop detected',
  AGENT_SILENT: 'Agent silent',
  DEVICE_SILENT: 'Device not read',
  AGENT_HEALTH: 'Agent health',
  BILLING_EXPORT_READY: 'Billing export ready',
  RECONCILIATION_CHANGED: 'Reconciliation changed',
};
const EVENT_TYPES = Object.keys(EVENT_LABELS) as EventType[];

export function WebhooksPage() {
  const pagination = useCursorPagination(25);
  const endpoints = useQuery(WebhookEndpointsDocument, { variables: pagination.variables });
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [update, updating] = useMutation(UpdateWebhookEndpointDocument);
  const [rotate, rotating] = useMutation(RotateWebhookEndpointSecretDocument);
  const [remove, removing] = useMutation(DeleteWebhookEndpointDocument);
  const [endpointFilter, setEndpointFilter] = useState('');
  const mutationError = updating.error ?? rotating.error ?? removing.error;

  return (
    <Page title="Webhooks">
      <p className="lead">
        Printbeat posts events to your systems, signed with HMAC-SHA256 (Standard Webhooks headers),
        and retries with backoff when an endpoint fails.
      </p>
      {secret ? (
        <SecretOnce
          title={`Signing secret for ${secret.url}`}
          doneLabel="I have stored the secret"
          onDone={() => setSecret(null)}
        >
          <p>Copy it into the receiving system now: it is shown only this once.</p>
          <SecretValue label="Signing secret" value={secret.secret} />
        </SecretOnce>
      ) : (
        <CreateEndpointForm
          onCreated={(created) => {
            setSecret(created);
            void endpoints.refetch();
          }}
        />
      )}
      {mutationError && <ErrorState error={mutationError} />}
      <DataTable
        caption="Webhook endpoints"
        rows={nodesOf(endpoints.data?.webhookEndpoints)}
        rowKey={(endpoint) => endpoint.id}
        loading={endpoints.loading}
        error={endpoints.error}
        onRetry={() => void endpoints.refetch()}
        emptyTitle="No webhook endpoints"
        pagination={pagination}
        pageInfo={endpoints.data?.webhookEndpoints.pageInfo}
        columns={[
          {
            key: 'url',
            header: 'Endpoint',
            render: (endpoint) => (
              <>
                <code>{endpoint.url}</code>
                {endpoint.description && <div className="muted small">{endpoint.description}</div>}
              </>
            ),
          },
          {
            key: 'events',
            header: 'Events',
            render: (endpoint) => endpoint.eventTypes.map((type) => EVENT_LABELS[type]).join(', '),
          },
          {
            key: 'enabled',
            header: 'Enabled',
            render: (endpoint) => (
              <input
                type="checkbox"
                checked={endpoint.enabled}
                aria-label={`Endpoint ${endpoint.url} enabled`}
                disabled={updating.loading}
                onChange={(event) =>
                  void update({
                    variables: { id: endpoint.id, input: { enabled: event.target.checked } },
                    // The switch moves at once; a refusal from central puts it back.
                    optimisticResponse: {
                      __typename: 'Mutation',
                      updateWebhookEndpoint: { ...endpoint, enabled: event.target.checked },
                    },
                  }).catch(() => null)
                }
              />
            ),
          },
          {
            key: 'actions',
            header: 'Actions',
            render: (endpoint) => (
              <div className="button-row">
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => setEndpointFilter(endpoint.id)}
                >
                  Deliveries
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={rotating.loading}
                  onClick={() => {
                    if (
                      !window.confirm(
                        'Rotate the signing secret? The old one stops working at once.',
                      )
                    )
                      return;
                    void rotate({ variables: { id: endpoint.id } })
                      .then((result) => {
                        const created = result.data?.rotateWebhookEndpointSecret;
                        if (created)
                          setSecret({ url: created.endpoint.url, secret: created.secret });
                      })
                      .catch(() => null);
                  }}
                >
                  Rotate secret
                </button>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={removing.loading}
                  onClick={() => {
                    if (!window.confirm(`Delete the endpoint ${endpoint.url}?`)) return;
                    void remove({ variables: { id: endpoint.id } })
                      .then(() => endpoints.refetch())
                      .catch(() => null);
                  }}
                >
                  Delete
                </button>
              </div>
            ),
          },
        ]}
      />
      <h2>Delivery log</h2>
      <Deliveries endpointId={endpointFilter || null} onShowAll={() => setEndpointFilter('')} />
    </Page>
  );
}

function Deliveries({
  endpointId,
  onShowAll,
}: {
  endpointId: string | null;
  onShowAll: () => void;
}) {
  const pagination = useCursorPagination(50, endpointId ?? '');
  const deliveries = useQuery(WebhookDeliveriesDocument, {
    variables: { endpointId, ...pagination.variables },
  });
  return (
    <>
      {endpointId && (
        <div className="toolbar">
          <span>One endpoint only.</span>
          <button type="button" className="button button--quiet" onClick={onShowAll}>
            Show all
          </button>
        </div>
      )}
      <DataTable
        caption="Webhook deliveries, newest first"
        rows={nodesOf(deliveries.data?.webhookDeliveries)}
        rowKey={(delivery) => delivery.id}
        loading={deliveries.loading}
        error={deliveries.error}
        onRetry={() => void deliveries.refetch()}
        emptyTitle="Nothing delivered yet"
        pagination={pagination}
        pageInfo={deliveries.data?.webhookDeliveries.pageInfo}
        columns={[
          {
            key: 'when',
            header: 'Event at',
            render: (delivery) => formatDateTime(delivery.createdAt),
          },
          { key: 'type', header: 'Event', render: (delivery) => EVENT_LABELS[delivery.eventType] },
          {
            key: 'status',
            header: 'State',
            render: (delivery) => (
              <span
                className={
                  delivery.status === 'SUCCEEDED'
                    ? 'badge badge--ok'
                    : delivery.status === 'FAILED'
                      ? 'badge badge--danger'
                      : 'badge badge--muted'
                }
              >
                {delivery.status.toLowerCase()}
              </span>
            ),
          },
          {
            key: 'attempt',
            header: 'Attempts',
            numeric: true,
            render: (delivery) => delivery.attempt,
          },
          {
            key: 'response',
            header: 'Response',
            render: (delivery) =>
              delivery.lastError ?? (delivery.responseCode ? `HTTP ${delivery.responseCode}` : '—'),
          },
          {
            key: 'next',
            header: 'Next try',
            render: (delivery) =>
              delivery.status === 'PENDING' ? formatDateTime(delivery.nextAttemptAt) : '—',
          },
        ]}
      />
    </>
  );
}

function CreateEndpointForm({
  onCreated,
}: {
  onCreated: (created: { url: string; secret: string }) => void;
}) {
  const [create, { loading, error, reset }] = useMutation(CreateWebhookEndpointDocument);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<EventType[]>(['SUPPLY_ORDER_CREATED']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await create({
      variables: {
        input: { url: url.trim(), description: description.trim() || null, eventTypes: events },
      },
    }).catch(() => null);
    const created = result?.data?.createWebhookEndpoint;
    if (created) {
      setUrl('');
      setDescription('');
      onCreated({ url: created.endpoint.url, secret: created.secret });
    }
  };

  return (
    <details className="card disclosure">
      <summary>New endpoint</summary>
      <form
        className="form-grid"
        onSubmit={(event) => void submit(event)}
        aria-label="New webhook endpoint"
      >
        <div className="field">
          <label htmlFor="webhook-url">URL</label>
          <input
            id="webhook-url"
            type="url"
            required
            placeholder="https://erp.example.com/printbeat"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="webhook-description">Description (optional)</label>
          <input
            id="webhook-description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <fieldset className="form-grid__wide">
          <legend>Events</legend>
          <div className="checkbox-list">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={() => setEvents((current) => toggled(current, type))}
                />
                {EVENT_LABELS[type]}
              </label>
            ))}
          </div>
        </fieldset>
        {error && <ErrorState error={error} />}
        <div className="form-grid__wide">
          <ReasonedButton
            type="submit"
            className="button button--primary"
            busy={loading}
            reason={events.length === 0 ? 'Choose at least one event to send.' : null}
          >
            Create endpoint
          </ReasonedButton>
        </div>
      </form>
    </details>
  );
}
