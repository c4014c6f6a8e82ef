import type { ActorKind } from '../../generated/graphql';

export const ACTOR_KINDS: readonly ActorKind[] = [
  'USER',
  'API_KEY',
  'AGENT',
  'SYSTEM',
  'ANONYMOUS',
];

/** What the audit page filters by, as kept in its URL (shareable, the back button works). */
export type AuditFilters = {
  /** An action (customer.create) or a family ending in a dot (customer.). */
  action: string;
  actorKind: ActorKind | '';
  actorId: string;
  /** Calendar days, yyyy-mm-dd, both included. */
  fromDay: string;
  toDay: string;
  routine: boolean;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const kind = search.get('actorKind') ?? '';
  const day = (name: string) => {
    const value = search.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  return {
    action: search.get('action') ?? '',
    actorKind: (ACTOR_KINDS as readonly string[]).includes(kind) ? (kind as ActorKind) : '',
    actorId: search.get('actorId') ?? '',
    fromDay: day('from'),
    toDay: day('to'),
    routine: search.get('routine') === '1',
  };
}

/** Only the filters that are set, so a plain /audit stays plain. */
export function searchFromFilters(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.action.trim()) search.set('action', filters.action.trim());
  if (filters.actorKind) search.set('actorKind', filters.actorKind);
  if (filters.actorId) search.set('actorId', filters.actorId);
  if (filters.fromDay) search.set('from', filters.fromDay);
  if (filters.toDay) search.set('to', filters.toDay);
  if (filters.routine) search.set('routine', '1');
  return search;
}

/** Why the filters cannot be asked for as they are, or null. */
export function filtersProblem(filters: AuditFilters): string | null {
  if (filters.fromDay && filters.toDay && filters.fromDay > filters.toDay)
    return 'The "from" day is after the "to" day: swap them to see events in between.';
  return null;
}

/** Local midnight of a yyyy-mm-dd day, plus `days`. */
function startOfDay(day: string, days = 0): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + days);
}

/** GraphQL variables: "to" is the end of the chosen day (the API's `to` is exclusive). */
export function variablesOf(filters: AuditFilters) {
  return {
    action: filters.action.trim().toLowerCase() || null,
    actorKind: filters.actorKind || null,
    actorId: filters.actorId || null,
    from: filters.fromDay ? startOfDay(filters.fromDay).toISOString() : null,
    to: filters.toDay ? startOfDay(filters.toDay, 1).toISOString() : null,
    includeRoutine: filters.routine,
  };
}

/** Suggestions for the action field: the families every tenant's trail has. */
export const ACTION_SUGGESTIONS: readonly string[] = [
  'agent.',
  'api_key.',
  'command.',
  'customer.',
  'device.',
  'meters.',
  'notification_policy.',
  'registration_key.',
  'replenishment_rule.',
  'retention.',
  'site.',
  'supply_order.',
  'upload.',
  'user.',
  'user.sign_in',
  'webhook_endpoint.',
];
