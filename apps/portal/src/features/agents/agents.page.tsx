import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { isCustomerRole } from '../../app/navigation';
import {
  AgentGatewayDocument,
  AgentsDocument,
  CreateRegistrationKeyDocument,
  RegistrationKeysDocument,
  RevokeAgentDocument,
  RevokeRegistrationKeyDocument,
  type CreateRegistrationKeyMutation,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { ReasonedButton } from '../../shared/disabled-reason';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { SecretOnce, SecretValue } from '../../shared/secret-once';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { CustomerPicker } from '../customers/customer-picker';
import { CustomerName, SiteName } from '../customers/names';
import { SiteSelect } from '../customers/site-select';
import { describeClockOffset } from './agent-clock';
import { enrollCommandLine } from './enroll-command';
import { summarizeAgentFacts } from './agent-facts';
import { AgentUpdateSummary } from './agent-update-summary';
import {
  isAgentSilent,
  REGISTRATION_KEY_STATE_LABELS,
  registrationKeyState,
} from './registration-key-state';

type CreatedKey = CreateRegistrationKeyMutation['createRegistrationKey'];

export function AgentsPage() {
  const user = useCurrentUser();
  const ownCustomer = isCustomerRole(user.role) ? user.customerId : null;
  const [customerFilter, setCustomerFilter] = useState('');
  const customerId = ownCustomer ?? (customerFilter === '' ? null : customerFilter);

  return (
    <Page title="Agents">
      <p className="lead">
        An agent runs in the customer&apos;s network, finds the printers there and sends their
        counters and supplies to Printbeat. It enrolls once with a registration key.
      </p>
      {ownCustomer === null && (
        <div className="toolbar">
          <CustomerPicker
            label="Show customer"
            value={customerFilter}
            onChange={setCustomerFilter}
          />
          {customerFilter !== '' && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setCustomerFilter('')}
            >
              All customers
            </button>
          )}
        </div>
      )}
      <h2>Registration keys</h2>
      <RegistrationKeys customerId={customerId} fixedCustomerId={ownCustomer} />
      <h2>Enrolled agents</h2>
      <AgentList customerId={customerId} showCustomer={ownCustomer === null} />
    </Page>
  );
}

function AgentList({
  customerId,
  showCustomer,
}: {
  customerId: string | null;
  showCustomer: boolean;
}) {
  const pagination = useCursorPagination(25, customerId ?? '');
  const agents = useQuery(AgentsDocument, { variables: { customerId, ...pagination.variables } });
  const [revokeAgent, revoking] = useMutation(RevokeAgentDocument);
  const now = new Date();

  const confirmRevoke = async (id: string, name: string) => {
    if (
      !window.confirm(
        `Revoke agent ${name}? It is refused from its next call and must enroll again.`,
      )
    )
      return;
    await revokeAgent({ variables: { id } }).catch(() => null);
  };

  return (
    <>
      {revoking.error && <ErrorState error={revoking.error} />}
      <DataTable
        caption="Agents"
        rows={nodesOf(agents.data?.agents)}
        rowKey={(agent) => agent.id}
        loading={agents.loading}
        error={agents.error}
        onRetry={() => void agents.refetch()}
        emptyTitle="No agent enrolled yet"
        emptyBody="Create a registration key above and run the enroll command on a machine in the customer's network."
        pagination={pagination}
        pageInfo={agents.data?.agents.pageInfo}
        columns={[
          {
            key: 'name',
            header: 'Agent',
            render: (agent) => (
              <>
                <Link to={`/agents/${agent.id}`}>
                  <strong>{agent.name ?? agent.hostname ?? agent.id.slice(0, 8)}</strong>
                </Link>
                {agent.os && <div className="muted">{agent.os}</div>}
              </>
            ),
          },
          ...(showCustomer
            ? [
                {
                  key: 'customer',
                  header: 'Customer',
                  render: (agent: { customerId: string }) => (
                    <CustomerName id={agent.customerId} link />
                  ),
                },
              ]
            : []),
          { key: 'site', header: 'Site', render: (agent) => <SiteName id={agent.siteId} /> },
          {
            key: 'status',
            header: 'Status',
            render: (agent) => (
              <>
                <span className={agent.status === 'ACTIVE' ? 'badge' : 'badge badge--danger'}>
                  {agent.status.toLowerCase()}
                </span>
                {agent.lockDown && <span className="badge badge--muted"> lock-down</span>}
              </>
            ),
          },
          {
            key: 'version',
            header: 'Version',
            render: (agent) => <AgentUpdateSummary version={agent.version} update={agent.update} />,
          },
          {
            key: 'host',
            header: 'Host',
            render: (agent) => {
              const lines = agent.facts ? summarizeAgentFacts(agent.facts) : [];
              return lines.length === 0 ? (
                '—'
              ) : (
                <span title={`Reported ${formatDateTime(agent.factsAt)}`}>
                  {lines.map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                </span>
              );
            },
          },
          {
            key: 'contact',
            header: 'Last contact',
            render: (agent) => (
              <span
                className={
                  agent.status === 'ACTIVE' && isAgentSilent(agent.lastContactAt, now)
                    ? 'text-danger'
                    : undefined
                }
              >
                {formatDateTime(agent.lastContactAt)}
              </span>
            ),
          },
          {
            key: 'upload',
            header: 'Last upload',
            render: (agent) => (
              <>
                {formatDateTime(agent.lastUploadAt)}
                {agent.clockSkewed && agent.clockOffsetSeconds !== null && (
                  <div className="text-danger">
                    {describeClockOffset(agent.clockOffsetSeconds)} (readings dated ahead are
                    refused)
                  </div>
                )}
              </>
            ),
          },
          {
            key: 'cert',
            header: 'Certificate until',
            render: (agent) => formatDateTime(agent.certificateExpiresAt),
          },
          {
            key: 'actions',
            header: 'Actions',
            render: (agent) =>
              agent.status === 'REVOKED' ? (
                '—'
              ) : (
                <button
                  type="button"
                  className="button button--danger"
                  disabled={revoking.loading}
                  aria-label={`Revoke agent ${agent.name ?? agent.hostname ?? agent.id}`}
                  onClick={() =>
                    void confirmRevoke(agent.id, agent.name ?? agent.hostname ?? agent.id)
                  }
                >
                  Revoke
                </button>
              ),
          },
        ]}
      />
    </>
  );
}

export function RegistrationKeys({
  customerId,
  fixedCustomerId,
}: {
  customerId: string | null;
  fixedCustomerId: string | null;
}) {
  const pagination = useCursorPagination(10, customerId ?? '');
  const keys = useQuery(RegistrationKeysDocument, {
    variables: { customerId, ...pagination.variables },
  });
  const [revokeKey, revoking] = useMutation(RevokeRegistrationKeyDocument);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const now = new Date();

  const confirmRevoke = async (id: string, label: string) => {
    if (!window.confirm(`Revoke registration key ${label}? Agents can no longer enroll with it.`))
      return;
    await revokeKey({ variables: { id } }).catch(() => null);
  };

  return (
    <>
      {created ? (
        <RegistrationKeyOnce created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateRegistrationKeyForm
          fixedCustomerId={fixedCustomerId}
          defaultCustomerId={customerId}
          onCreated={(key) => {
            setCreated(key);
            void keys.refetch();
          }}
        />
      )}
      {revoking.error && <ErrorState error={revoking.error} />}
      <DataTable
        caption="Registration keys"
        rows={nodesOf(keys.data?.registrationKeys)}
        rowKey={(key) => key.id}
        loading={keys.loading}
        error={keys.error}
        onRetry={() => void keys.refetch()}
        emptyTitle="No registration keys"
        pagination={pagination}
        pageInfo={keys.data?.registrationKeys.pageInfo}
        columns={[
          { key: 'name', header: 'Name', render: (key) => key.name ?? '—' },
          { key: 'prefix', header: 'Key starts with', render: (key) => <code>{key.prefix}…</code> },
          ...(fixedCustomerId === null
            ? [
                {
                  key: 'customer',
                  header: 'Customer',
                  render: (key: { customerId: string }) => <CustomerName id={key.customerId} />,
                },
              ]
            : []),
          { key: 'site', header: 'Site', render: (key) => <SiteName id={key.siteId} /> },
          {
            key: 'uses',
            header: 'Used',
            numeric: true,
            render: (key) =>
              key.maxUses === null ? `${key.useCount}` : `${key.useCount} / ${key.maxUses}`,
          },
          { key: 'expires', header: 'Expires', render: (key) => formatDateTime(key.expiresAt) },
          {
            key: 'state',
            header: 'State',
            render: (key) => {
              const state = registrationKeyState(key, now);
              return (
                <span className={state === 'active' ? 'badge' : 'badge badge--muted'}>
                  {REGISTRATION_KEY_STATE_LABELS[state]}
                </span>
              );
            },
          },
          {
            key: 'actions',
            header: 'Actions',
            render: (key) =>
              registrationKeyState(key, now) !== 'active' ? (
                '—'
              ) : (
                <button
                  type="button"
                  className="button button--danger"
                  disabled={revoking.loading}
                  aria-label={`Revoke registration key ${key.name ?? key.prefix}`}
                  onClick={() => void confirmRevoke(key.id, key.name ?? key.prefix)}
                >
                  Revoke
                </button>
              ),
          },
        ]}
      />
    </>
  );
}

function RegistrationKeyOnce({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const gateway = useQuery(AgentGatewayDocument);
  const enroll = gateway.data
    ? enrollCommandLine({
        gatewayUrl: gateway.data.agentGateway.url,
        caFingerprint: gateway.data.agentGateway.caFingerprint ?? null,
        secret: created.secret,
      })
    : null;
  return (
    <SecretOnce title="Registration key created" headingLevel={3} doneLabel="Done" onDone={onDone}>
      <p>
        Copy it now: it is shown only this once. It works until{' '}
        {formatDateTime(created.registrationKey.expiresAt)}
        {created.registrationKey.maxUses !== null &&
          ` for ${created.registrationKey.maxUses} enrollment(s)`}
        .
      </p>
      <SecretValue label="Registration key" value={created.secret} />
      <p>On the machine that will run the agent:</p>
      {enroll === null ? (
        <p>
          {gateway.error
            ? `The enroll command is not available: ${gateway.error.message}`
            : 'Loading the enroll command…'}
        </p>
      ) : (
        <SecretValue label="Enroll command" hideLabel value={enroll} copyLabel="Copy command" />
      )}
      {gateway.data?.agentGateway.caFingerprint && (
        <p>
          <code>--ca-fingerprint</code> makes the agent trust central&apos;s own certificate
          authority on its first contact; it needs no certificate file.
        </p>
      )}
    </SecretOnce>
  );
}

function CreateRegistrationKeyForm({
  fixedCustomerId,
  defaultCustomerId,
  onCreated,
}: {
  fixedCustomerId: string | null;
  defaultCustomerId: string | null;
  onCreated: (key: CreatedKey) => void;
}) {
  const [create, { loading, error, reset }] = useMutation(CreateRegistrationKeyDocument);
  const [customerId, setCustomerId] = useState(fixedCustomerId ?? defaultCustomerId ?? '');
  const [siteId, setSiteId] = useState('');
  const [name, setName] = useState('');
  const [validDays, setValidDays] = useState('7');
  const [maxUses, setMaxUses] = useState('1');
  const chosenCustomer = fixedCustomerId ?? (customerId === '' ? null : customerId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosenCustomer === null) return;
    reset();
    const days = Number(validDays);
    const result = await create({
      variables: {
        input: {
          customerId: chosenCustomer,
          siteId,
          name: name.trim() || null,
          expiresAt: new Date(Date.now() + days * 24 * 3600_000).toISOString(),
          maxUses: maxUses === '' ? null : Number(maxUses),
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setName('');
      onCreated(result.data.createRegistrationKey);
    }
  };

  return (
    <details className="card disclosure">
      <summary>New registration key</summary>
      <form
        className="form-grid"
        onSubmit={(event) => void submit(event)}
        aria-label="New registration key"
      >
        {fixedCustomerId === null && (
          <CustomerPicker
            required
            value={customerId}
            onChange={(id) => {
              setCustomerId(id);
              setSiteId('');
            }}
          />
        )}
        <SiteSelect required customerId={chosenCustomer} value={siteId} onChange={setSiteId} />
        <div className="field">
          <label htmlFor="registration-key-name">Name (optional)</label>
          <input
            id="registration-key-name"
            placeholder="e.g. Print server, 2nd floor"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="registration-key-days">Valid for (days)</label>
          <input
            id="registration-key-days"
            type="number"
            min={1}
            max={365}
            required
            value={validDays}
            onChange={(event) => setValidDays(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="registration-key-uses">Enrollments allowed</label>
          <input
            id="registration-key-uses"
            type="number"
            min={1}
            max={100000}
            placeholder="unlimited"
            aria-describedby="registration-key-uses-hint"
            value={maxUses}
            onChange={(event) => setMaxUses(event.target.value)}
          />
          <small id="registration-key-uses-hint">Leave empty for unlimited until it expires.</small>
        </div>
        {error && <ErrorState error={error} />}
        <div className="form-grid__wide">
          <ReasonedButton
            type="submit"
            className="button button--primary"
            busy={loading}
            reason={
              chosenCustomer === null
                ? 'Choose a customer first.'
                : siteId === ''
                  ? 'Choose the site the agent will run at.'
                  : null
            }
          >
            Create registration key
          </ReasonedButton>
        </div>
      </form>
    </details>
  );
}
