import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AuditEventsDocument, type AuditEventsQuery } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { ACTOR_LABELS, AuditActor } from './audit-actor';
import { changeSummary } from './audit-change';
import {
  ACTION_SUGGESTIONS,
  ACTOR_KINDS,
  filtersFromSearch,
  filtersProblem,
  searchFromFilters,
  variablesOf,
  type AuditFilters,
} from './audit-filters';

type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

const OUTCOME_CLASS: Readonly<Record<AuditEvent['outcome'], string>> = {
  SUCCESS: 'badge',
  FAILURE: 'badge badge--danger',
  DENIED: 'badge badge--danger',
};

export function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const problem = filtersProblem(filters);
  const variables = variablesOf(filters);
  const pagination = useCursorPagination(50, searchFromFilters(filters).toString());
  const events = useQuery(AuditEventsDocument, {
    variables: { ...variables, ...pagination.variables },
    skip: problem !== null,
  });
  const rows = nodesOf(events.data?.auditEvents);
  const actorName = rows?.find((event) => event.actorId === filters.actorId)?.actorName;
  const change = (patch: Partial<AuditFilters>) =>
    setSearch(searchFromFilters({ ...filters, ...patch }));
  const onlyActor = (event: AuditEvent) =>
    `?${searchFromFilters({ ...filters, actorKind: event.actorKind, actorId: event.actorId ?? '' }).toString()}`;

  return (
    <Page title="Audit log">
      <AuditFilterBar filters={filters} onChange={change} />
      {filters.actorId && (
        <p className="filter-chip" role="status">
          Only events by {ACTOR_LABELS[filters.actorKind || 'USER'].toLowerCase()}{' '}
          {actorName ? <strong>{actorName}</strong> : <code className="id">{filters.actorId}</code>}{' '}
          <button
            type="button"
            className="button button--link"
            onClick={() => change({ actorKind: '', actorId: '' })}
          >
            Show everyone
          </button>
        </p>
      )}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : (
        <DataTable
          caption="Audit events, newest first"
          rows={rows}
          rowKey={(event) => event.id}
          loading={events.loading}
          error={events.error}
          onRetry={() => void events.refetch()}
          emptyTitle={search.size > 0 ? 'No events match these filters' : 'Nothing recorded yet'}
          emptyBody={
            !filters.routine && (
              <>
                Routine agent traffic (command polls, config checks, uploads) is hidden.{' '}
                <button
                  type="button"
                  className="button button--link"
                  onClick={() => change({ routine: true })}
                >
                  Show it
                </button>
              </>
            )
          }
          pagination={pagination}
          pageInfo={events.data?.auditEvents.pageInfo}
          columns={[
            { key: 'when', header: 'When', render: (event) => formatDateTime(event.occurredAt) },
            {
              key: 'action',
              header: 'Action',
              render: (event) => (
                <>
                  <code>{event.action}</code>
                  {event.routine && <span className="badge badge--muted"> routine</span>}
                </>
              ),
            },
            {
              key: 'actor',
              header: 'By',
              render: (event) => (
                <>
                  <AuditActor event={event} />
                  {event.actorId && event.actorId !== filters.actorId && (
                    <>
                      {' '}
                      <Link
                        to={onlyActor(event)}
                        className="small"
                        aria-label={`Only events by ${event.actorName ?? event.actorId}`}
                      >
                        only these
                      </Link>
                    </>
                  )}
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
              key: 'change',
              header: 'Change',
              render: (event) => changeSummary(event.details) ?? '—',
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
      )}
    </Page>
  );
}

function AuditFilterBar({
  filters,
  onChange,
}: {
  filters: AuditFilters;
  onChange: (patch: Partial<AuditFilters>) => void;
}) {
  const [action, setAction] = useState(filters.action);
  useEffect(() => setAction(filters.action), [filters.action]);
  const applyAction = (event: FormEvent) => {
    event.preventDefault();
    onChange({ action });
  };
  return (
    <form
      className="toolbar filters"
      aria-label="Filter the audit log"
      onSubmit={applyAction}
      role="search"
    >
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input
          id="audit-action"
          list="audit-action-suggestions"
          placeholder="e.g. customer. or user.sign_in"
          value={action}
          onChange={(event) => setAction(event.target.value)}
          onBlur={() => action !== filters.action && onChange({ action })}
        />
        <datalist id="audit-action-suggestions">
          {ACTION_SUGGESTIONS.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-actor-kind">By</label>
        <select
          id="audit-actor-kind"
          value={filters.actorKind}
          onChange={(event) =>
            onChange({
              actorKind: event.target.value as AuditFilters['actorKind'],
              actorId: '',
            })
          }
        >
          <option value="">Anyone</option>
          {ACTOR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ACTOR_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-from">From</label>
        <input
          id="audit-from"
          type="date"
          value={filters.fromDay}
          onChange={(event) => onChange({ fromDay: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To</label>
        <input
          id="audit-to"
          type="date"
          value={filters.toDay}
          onChange={(event) => onChange({ toDay: event.target.value })}
        />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={filters.routine}
          onChange={(event) => onChange({ routine: event.target.checked })}
        />
        Show routine agent traffic (command polls, config checks, uploads)
      </label>
      <button type="submit" className="button">
        Filter
      </button>
    </form>
  );
}
