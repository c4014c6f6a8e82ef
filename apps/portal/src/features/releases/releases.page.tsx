import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { can } from '../../app/navigation';
import {
  AgentOptionsDocument,
  AgentReleasesDocument,
  AgentUpdateTargetsDocument,
  RemoveAgentUpdateTargetDocument,
  SetAgentUpdateTargetDocument,
  type AgentReleasesQuery,
  type ReleaseChannel,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { ReasonedButton } from '../../shared/disabled-reason';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { toggled } from '../../shared/selection';
import { ErrorState } from '../../shared/states';
import { formatBytes } from '../agents/agent-facts';
import { CustomerPicker } from '../customers/customer-picker';
import { CustomerName } from '../customers/names';
import { AgentName } from './agent-name';
import {
  EMPTY_TARGET_FORM,
  targetFormProblem,
  targetInputs,
  type TargetFormState,
  type TargetScope,
} from './target-form';

type Release = AgentReleasesQuery['agentReleases'][number];

const CHANNEL_LABELS: Readonly<Record<ReleaseChannel, string>> = {
  STABLE: 'Stable',
  BETA: 'Beta',
};

export function ReleasesPage() {
  const user = useCurrentUser();
  const releases = useQuery(AgentReleasesDocument);
  const list = releases.data?.agentReleases;
  return (
    <Page title="Agent releases">
      <p className="lead">
        Signed agent releases published by the platform operator (
        <code>npm run publish-release</code>
        ). Agents install only releases signed with the key pinned at their installation.
      </p>
      <DataTable
        caption="Published releases"
        rows={list}
        rowKey={(release) => release.id}
        loading={releases.loading}
        error={releases.error}
        onRetry={() => void releases.refetch()}
        emptyTitle="No release published yet"
        emptyBody="The platform operator publishes one with npm run publish-release."
        columns={[
          {
            key: 'version',
            header: 'Version',
            render: (release) => <strong>{release.version}</strong>,
          },
          { key: 'platform', header: 'Platform', render: (release) => release.platform },
          {
            key: 'channel',
            header: 'Channel',
            render: (release) => CHANNEL_LABELS[release.channel],
          },
          {
            key: 'published',
            header: 'Published',
            render: (release) => formatDateTime(release.createdAt),
          },
          {
            key: 'size',
            header: 'Size',
            numeric: true,
            render: (release) => formatBytes(release.size),
          },
          {
            key: 'sha',
            header: 'SHA-256',
            render: (release) => <code title={release.sha256}>{release.sha256.slice(0, 12)}…</code>,
          },
        ]}
      />
      <h2>Update targets</h2>
      {can(user.role, 'setUpdateTargets') ? (
        <UpdateTargets releases={list ?? []} />
      ) : (
        <p className="disabled-reason">
          Each dealer&apos;s administrators choose which release their agents run and how fast it
          rolls out; a platform operator only publishes releases.
        </p>
      )}
    </Page>
  );
}

function UpdateTargets({ releases }: { releases: readonly Release[] }) {
  const targets = useQuery(AgentUpdateTargetsDocument);
  const [remove, removing] = useMutation(RemoveAgentUpdateTargetDocument);
  const confirmRemove = async (id: string) => {
    if (!window.confirm('Remove this target? Its agents follow the next wider target.')) return;
    await remove({ variables: { id } }).catch(() => null);
    await targets.refetch();
  };
  return (
    <>
      <p>
        The most specific target wins: an agent&apos;s own, else its customer&apos;s, else the whole
        tenant&apos;s. A staged rollout offers the release to that share of agents now; raising it
        only adds agents.
      </p>
      <TargetForm releases={releases} onSaved={() => void targets.refetch()} />
      {removing.error && <ErrorState error={removing.error} />}
      <DataTable
        caption="Update targets"
        rows={targets.data?.agentUpdateTargets}
        rowKey={(target) => target.id}
        loading={targets.loading}
        error={targets.error}
        onRetry={() => void targets.refetch()}
        emptyTitle="No update target"
        emptyBody="Without a target agents keep the version they run."
        columns={[
          {
            key: 'scope',
            header: 'Applies to',
            render: (target) =>
              target.agentId ? (
                <>
                  Agent <AgentName id={target.agentId} />
                </>
              ) : target.customerId ? (
                <>
                  Customer <CustomerName id={target.customerId} link />
                </>
              ) : (
                'All agents'
              ),
          },
          {
            key: 'release',
            header: 'Release',
            render: (target) =>
              target.version ?? `newest ${CHANNEL_LABELS[target.channel].toLowerCase()}`,
          },
          { key: 'channel', header: 'Channel', render: (target) => CHANNEL_LABELS[target.channel] },
          {
            key: 'rollout',
            header: 'Rollout',
            numeric: true,
            render: (target) => `${target.rolloutPercent} %`,
          },
          {
            key: 'downgrade',
            header: 'Downgrade',
            render: (target) => (target.allowDowngrade ? 'allowed' : 'no'),
          },
          { key: 'updated', header: 'Set', render: (target) => formatDateTime(target.updatedAt) },
          {
            key: 'actions',
            header: 'Actions',
            render: (target) => (
              <button
                type="button"
                className="button button--danger"
                disabled={removing.loading}
                aria-label={`Remove target ${target.agentId ? 'of one agent' : target.customerId ? 'of one customer' : 'of all agents'}`}
                onClick={() => void confirmRemove(target.id)}
              >
                Remove
              </button>
            ),
          },
        ]}
      />
    </>
  );
}

const SCOPES: readonly { scope: TargetScope; label: string }[] = [
  { scope: 'tenant', label: 'All agents' },
  { scope: 'customer', label: 'One customer' },
  { scope: 'agents', label: 'Named agents first' },
];

export function TargetForm({
  releases,
  onSaved,
}: {
  releases: readonly Release[];
  onSaved: () => void;
}) {
  const [form, setForm] = useState<TargetFormState>(EMPTY_TARGET_FORM);
  const [setTarget, { loading, error, reset }] = useMutation(SetAgentUpdateTargetDocument);
  const [saved, setSaved] = useState<number | null>(null);
  const versions = [...new Set(releases.map((release) => release.version))];
  const problem = targetFormProblem(form, versions);
  const update = (changes: Partial<TargetFormState>) => {
    setSaved(null);
    setForm({ ...form, ...changes });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem !== null) return;
    reset();
    let count = 0;
    for (const input of targetInputs(form)) {
      const result = await setTarget({ variables: { input } }).catch(() => null);
      if (!result?.data) break;
      count += 1;
    }
    if (count > 0) onSaved();
    setSaved(count);
  };

  return (
    <form
      className="card form-grid"
      aria-label="Set update target"
      onSubmit={(e) => void submit(e)}
    >
      <fieldset className="form-grid__wide radio-row">
        <legend>Applies to</legend>
        {SCOPES.map(({ scope, label }) => (
          <label key={scope} className="checkbox">
            <input
              type="radio"
              name="target-scope"
              checked={form.scope === scope}
              onChange={() => update({ scope })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {form.scope !== 'tenant' && (
        <CustomerPicker
          label={form.scope === 'agents' ? 'Agents of customer' : 'Customer'}
          required={form.scope === 'customer'}
          value={form.customerId}
          onChange={(customerId) => update({ customerId, agentIds: [] })}
        />
      )}
      {form.scope === 'agents' && (
        <AgentChoice
          customerId={form.customerId}
          chosen={form.agentIds}
          onToggle={(agentId) => update({ agentIds: toggled(form.agentIds, agentId) })}
        />
      )}
      <div className="field">
        <label htmlFor="target-channel">Channel</label>
        <select
          id="target-channel"
          value={form.channel}
          onChange={(event) => update({ channel: event.target.value as ReleaseChannel })}
        >
          <option value="STABLE">Stable</option>
          <option value="BETA">Beta (beta and stable releases)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="target-version">Release</label>
        <select
          id="target-version"
          value={form.version}
          onChange={(event) => update({ version: event.target.value })}
        >
          <option value="">Newest of the channel</option>
          {versions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="target-rollout">Staged rollout (% of agents now)</label>
        <input
          id="target-rollout"
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={form.rolloutPercent}
          onChange={(event) => update({ rolloutPercent: event.target.value })}
        />
      </div>
      <label className="checkbox form-grid__wide">
        <input
          type="checkbox"
          checked={form.allowDowngrade}
          onChange={(event) => update({ allowDowngrade: event.target.checked })}
        />
        Allow a downgrade: agents running a newer version install this older release
      </label>
      {error && <ErrorState error={error} />}
      {saved !== null && saved > 0 && (
        <p className="form-success" role="status">
          {saved === 1 ? 'Target saved.' : `${saved} targets saved.`}
        </p>
      )}
      <div className="form-grid__wide">
        <ReasonedButton
          type="submit"
          className="button button--primary"
          busy={loading}
          reason={problem}
        >
          Set target
        </ReasonedButton>
      </div>
    </form>
  );
}

function AgentChoice({
  customerId,
  chosen,
  onToggle,
}: {
  customerId: string;
  chosen: readonly string[];
  onToggle: (agentId: string) => void;
}) {
  const agents = useQuery(AgentOptionsDocument, {
    variables: { customerId: customerId === '' ? null : customerId },
  });
  const list = nodesOf(agents.data?.agents) ?? [];
  return (
    <fieldset className="form-grid__wide">
      <legend>Agents that update first</legend>
      {agents.error && <ErrorState error={agents.error} />}
      {list.length === 0 && !agents.loading && <p className="muted">No agents here.</p>}
      <div className="checkbox-list">
        {list.map((agent) => (
          <label key={agent.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(agent.id)}
              onChange={() => onToggle(agent.id)}
            />
            {agent.name ?? agent.hostname ?? agent.id.slice(0, 8)}
            {agent.version && <small> — runs {agent.version}</small>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
