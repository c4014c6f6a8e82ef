import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type {
  AlertSeverityAtLeast,
  DeviceRetiredFilter,
  DeviceSortField,
  DeviceStatus,
  SortDirection,
} from '../../generated/graphql';
import { isDeviceStatus, retiredFilterOf } from './fleet-filters';

export const FLEET_PAGE_SIZE = 25;

export const SORT_FIELDS: readonly DeviceSortField[] = [
  'FIRST_SEEN',
  'LAST_SEEN',
  'LAST_READ',
  'MANUFACTURER',
  'MODEL',
  'SERIAL_NUMBER',
  'IP_ADDRESS',
  'HOSTNAME',
  'LOCATION',
];

export const SEVERITY_OPTIONS: ReadonlyArray<{ value: AlertSeverityAtLeast; label: string }> = [
  { value: 'CRITICAL', label: 'Critical' },
  { value: 'WARNING', label: 'Warning or critical' },
  { value: 'INFO', label: 'Any open alert' },
];

/** Everything the fleet page shows, as kept in the URL's query string. */
export type FleetState = {
  customer: string;
  site: string;
  search: string;
  ip: string;
  manufacturer: string;
  model: string;
  status: DeviceStatus | '';
  lowToner: boolean;
  dueSoon: boolean;
  silent: boolean;
  /** Only devices under no contract. */
  noContract: boolean;
  alert: AlertSeverityAtLeast | '';
  retired: DeviceRetiredFilter;
  sort: DeviceSortField;
  direction: SortDirection;
  /** 1-based. */
  page: number;
};

export const DEFAULT_FLEET_STATE: FleetState = {
  customer: '',
  site: '',
  search: '',
  ip: '',
  manufacturer: '',
  model: '',
  status: '',
  lowToner: false,
  dueSoon: false,
  silent: false,
  noContract: false,
  alert: '',
  retired: 'HIDE',
  sort: 'FIRST_SEEN',
  direction: 'ASC',
  page: 1,
};

const TEXT_KEYS = ['customer', 'site', 'search', 'ip', 'manufacturer', 'model'] as const;
const FLAG_KEYS = ['lowToner', 'dueSoon', 'silent', 'noContract'] as const;

function isSortField(value: string): value is DeviceSortField {
  return (SORT_FIELDS as readonly string[]).includes(value);
}

function isSeverity(value: string): value is AlertSeverityAtLeast {
  return SEVERITY_OPTIONS.some((option) => option.value === value);
}

/** Reads a query string; unknown or malformed values fall back to the defaults. */
export function parseFleetState(params: URLSearchParams): FleetState {
  const state: FleetState = { ...DEFAULT_FLEET_STATE };
  for (const key of TEXT_KEYS) state[key] = (params.get(key) ?? '').trim();
  for (const key of FLAG_KEYS) state[key] = params.get(key) === '1';
  const status = params.get('status') ?? '';
  state.status = isDeviceStatus(status) ? status : '';
  const alert = params.get('alert') ?? '';
  state.alert = isSeverity(alert) ? alert : '';
  state.retired = retiredFilterOf(params.get('retired') ?? '');
  const sort = params.get('sort') ?? '';
  state.sort = isSortField(sort) ? sort : DEFAULT_FLEET_STATE.sort;
  state.direction = params.get('dir') === 'desc' ? 'DESC' : 'ASC';
  const page = Number(params.get('page'));
  state.page = Number.isInteger(page) && page > 1 ? page : 1;
  return state;
}

/** The query string for a state; defaults are left out so a plain /fleet stays plain. */
export function fleetSearchParams(state: FleetState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_KEYS) if (state[key] !== '') params.set(key, state[key]);
  if (state.status !== '') params.set('status', state.status);
  for (const key of FLAG_KEYS) if (state[key]) params.set(key, '1');
  if (state.alert !== '') params.set('alert', state.alert);
  if (state.retired !== 'HIDE') params.set('retired', state.retired);
  if (state.sort !== DEFAULT_FLEET_STATE.sort) params.set('sort', state.sort);
  if (state.direction === 'DESC') params.set('dir', 'desc');
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/**
 * A new state from a change: any change other than the page itself starts again at page 1,
 * because page 7 of one filtered list means nothing in another.
 */
export function changeFleetState(state: FleetState, change: Partial<FleetState>): FleetState {
  const next = { ...state, ...change };
  if (change.page === undefined) next.page = 1;
  return next;
}

/** The devices query's variables for a state (customer forced for customer users). */
export function fleetVariables(state: FleetState, ownCustomer: string | null) {
  const orNull = (value: string) => (value === '' ? null : value);
  return {
    customerId: ownCustomer ?? orNull(state.customer),
    siteId: orNull(state.site),
    search: orNull(state.search),
    ipAddress: orNull(state.ip),
    manufacturer: orNull(state.manufacturer),
    model: orNull(state.model),
    status: state.status === '' ? null : state.status,
    lowToner: state.lowToner ? true : null,
    dueSoon: state.dueSoon ? true : null,
    silent: state.silent ? true : null,
    underContract: state.noContract ? false : null,
    alertSeverity: state.alert === '' ? null : state.alert,
    retired: state.retired,
    sort: state.sort,
    direction: state.direction,
    first: FLEET_PAGE_SIZE,
    offset: (state.page - 1) * FLEET_PAGE_SIZE,
  };
}

/**
 * The fleet page's state in the URL: every change is a history entry, so a filtered, sorted
 * page can be shared as a link and the back button returns to the previous view.
 */
export function useFleetUrlState(): [FleetState, (change: Partial<FleetState>) => void] {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const state = useMemo(() => parseFleetState(new URLSearchParams(query)), [query]);
  const update = useCallback(
    (change: Partial<FleetState>) => setParams(fleetSearchParams(changeFleetState(state, change))),
    [setParams, state],
  );
  return [state, update];
}
