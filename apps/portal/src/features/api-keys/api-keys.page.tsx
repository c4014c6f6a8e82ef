import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  RevokeApiKeyDocument,
  type CreateApiKeyMutation,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { SecretOnce, SecretValue } from '../../shared/secret-once';
import { ReasonedButton } from '../../shared/disabled-reason';
import { toggled } from '../../shared/selection';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { API_KEY_SCOPE_OPTIONS, type ApiKeyScope } from './api-key-scopes';
import { apiKeyState, expiryOf } from './api-key-state';

type CreatedKey = CreateApiKeyMutation['createApiKey'];

export function ApiKeysPage() {
  const pagination = useCursorPagination(25);
  const apiKeys = useQuery(ApiKeysDocument, { variables: pagination.variables });
  const [revokeApiKey, revoke] = useMutation(RevokeApiKeyDocument);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const now = new Date();

  const confirmRevoke = async (id: string, name: string) => {
    if (!window.confirm(`Revoke the API key “${name}”? Systems using it stop working at once.`))
      return;
    await revokeApiKey({ variables: { id } }).catch(() => null);
  };

  return (
    <Page title="API keys">
      <p className="lead">
        Keys let your billing system read meters, usage and supply orders through the GraphQL API.
      </p>
      {created ? (
        <ApiKeyOnce created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateApiKeyForm
          onCreated={(key) => {
            setCreated(key);
            void apiKeys.refetch();
          }}
        />
      )}
      {revoke.error && <ErrorState error={revoke.error} />}
      <DataTable
        caption="API keys"
        rows={nodesOf(apiKeys.data?.apiKeys)}
        rowKey={(key) => key.id}
        loading={apiKeys.loading}
        error={apiKeys.error}
        onRetry={() => void apiKeys.refetch()}
        emptyTitle="No API keys yet"
        pagination={pagination}
        pageInfo={apiKeys.data?.apiKeys.pageInfo}
        columns={[
          { key: 'name', header: 'Name', render: (key) => key.name },
          { key: 'prefix', header: 'Key starts with', render: (key) => <code>{key.prefix}…</code> },
          { key: 'scopes', header: 'Scopes', render: (key) => key.scopes.join(', ') },
          { key: 'created', header: 'Created', render: (key) => formatDateTime(key.createdAt) },
          { key: 'used', header: 'Last used', render: (key) => formatDateTime(key.lastUsedAt) },
          {
            key: 'expires',
            header: 'Expires',
            render: (key) => (key.expiresAt ? formatDateTime(key.expiresAt) : 'never'),
          },
          {
            key: 'state',
            header: 'State',
            render: (key) => {
              switch (apiKeyState(key, now)) {
                case 'revoked':
                  return (
                    <span className="badge badge--muted">
                      Revoked {formatDateTime(key.revokedAt)}
                    </span>
                  );
                case 'expired':
                  return (
                    <span className="badge badge--muted">
                      Expired {formatDateTime(key.expiresAt)}
                    </span>
                  );
                case 'active':
                  return (
                    <button
                      type="button"
                      className="button button--danger"
                      disabled={revoke.loading}
                      onClick={() => void confirmRevoke(key.id, key.name)}
                      aria-label={`Revoke ${key.name}`}
                    >
                      Revoke
                    </button>
                  );
              }
            },
          },
        ]}
      />
    </Page>
  );
}

function ApiKeyOnce({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  return (
    <SecretOnce
      title={`API key “${created.apiKey.name}” created`}
      doneLabel="I have stored the key"
      onDone={onDone}
    >
      <p>
        Copy the key now and store it in your billing system. It is shown only this once; Printbeat
        keeps only a hash of it.
      </p>
      <SecretValue label="API key" value={created.secret} />
    </SecretOnce>
  );
}

function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedKey) => void }) {
  const [createApiKey, { loading, error, reset }] = useMutation(CreateApiKeyDocument);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['METERS_READ']);
  const [expiresOn, setExpiresOn] = useState('');

  const toggle = (scope: ApiKeyScope) => setScopes((current) => toggled(current, scope));
  const expiry = expiryOf(expiresOn);
  const blocked =
    scopes.length === 0
      ? 'Choose at least one scope.'
      : expiry !== null && expiry.getTime() <= Date.now()
        ? 'The expiry date is in the past: choose a later day, or none for a key that does not expire.'
        : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await createApiKey({
      variables: {
        input: { name: name.trim(), scopes, expiresAt: expiryOf(expiresOn)?.toISOString() ?? null },
      },
    }).catch(() => null);
    if (result?.data) {
      setName('');
      setExpiresOn('');
      onCreated(result.data.createApiKey);
    }
  };

  return (
    <details className="card disclosure">
      <summary>New API key</summary>
      <form className="form-grid" onSubmit={(event) => void submit(event)} aria-label="New API key">
        <div className="field">
          <label htmlFor="api-key-name">Name</label>
          <input
            id="api-key-name"
            required
            placeholder="e.g. Billing system"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="api-key-expiry">Expires on (optional)</label>
          <input
            id="api-key-expiry"
            type="date"
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
          />
        </div>
        <fieldset className="form-grid__wide">
          <legend>Scopes</legend>
          <div className="checkbox-list">
            {API_KEY_SCOPE_OPTIONS.map((option) => (
              <label key={option.scope} className="checkbox">
                <input
                  type="checkbox"
                  checked={scopes.includes(option.scope)}
                  onChange={() => toggle(option.scope)}
                />
                <span>
                  {option.label} <small>({option.scope})</small>
                </span>
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
            reason={blocked}
          >
            Create API key
          </ReasonedButton>
        </div>
      </form>
    </details>
  );
}
