import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { isCustomerRole } from '../../app/navigation';
import {
  DeviceFacetsDocument,
  FleetDocument,
  type FleetDeviceFragment,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { formatCount, formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { ServerTable, type ServerColumn } from '../../shared/server-table';
import { TonerBar } from '../../shared/toner-bar';
import { CustomerPicker } from '../customers/customer-picker';
import { CustomerName, SiteName } from '../customers/names';
import { SiteSelect } from '../customers/site-select';
import {
  counterValue,
  deviceName,
  isMarkingSupply,
  supplyLabel,
  supplyLevel,
} from '../devices/device-display';
import {
  isDeviceStatus,
  modelOptions,
  STATUS_OPTIONS,
  RETIRED_OPTIONS,
  retiredFilterOf,
  statusBadgeClass,
  statusLabel,
} from './fleet-filters';
import {
  FLEET_PAGE_SIZE,
  fleetVariables,
  SEVERITY_OPTIONS,
  SORT_FIELDS,
  useFleetUrlState,
} from './fleet-url-state';

/** The value a sortable column hands TanStack; the server does the sorting. */
const serverSorted = () => null;

function fleetColumns(showCustomer: boolean): Array<ServerColumn<FleetDeviceFragment>> {
  return [
    {
      id: 'HOSTNAME',
      header: 'Device',
      accessorFn: serverSorted,
      enableSorting: true,
      cell: ({ row: { original: device } }) => (
        <Link to={`/devices/${device.id}`}>{deviceName(device)}</Link>
      ),
    },
    {
      id: 'IP_ADDRESS',
      header: 'IP address',
      accessorFn: serverSorted,
      enableSorting: true,
      cell: ({ row: { original: device } }) => device.ipAddress ?? '—',
    },
    {
      id: 'MANUFACTURER',
      header: 'Model',
      accessorFn: serverSorted,
      enableSorting: true,
      cell: ({ row: { original: device } }) => (
        <>
          {device.manufacturer ?? '—'}
          <div className="muted">{device.model ?? ''}</div>
        </>
      ),
    },
    {
      id: 'SERIAL_NUMBER',
      header: 'Serial / MAC',
      accessorFn: serverSorted,
      enableSorting: true,
      cell: ({ row: { original: device } }) => (
        <>
          <code>{device.serialNumber ?? '—'}</code>
          <div className="muted">
            <code>{device.macAddress ?? ''}</code>
          </div>
          {device.noIdentity && <span className="badge badge--danger">no identity</span>}
          {device.needsReview && <span className="badge badge--danger">review</span>}
        </>
      ),
    },
    {
      id: 'where',
      header: showCustomer ? 'Customer / site' : 'Site',
      cell: ({ row: { original: device } }) => (
        <>
          {showCustomer && <CustomerName id={device.customerId} />}
          <div className={showCustomer ? 'muted' : undefined}>
            <SiteName id={device.siteId} />
            {device.location ? ` · ${device.location}` : ''}
          </div>
        </>
      ),
    },
    {
      id: 'supplies',
      header: 'Toner',
      cell: ({ row: { original: device } }) => {
        const marking = device.supplies.filter(isMarkingSupply);
        if (marking.length === 0) return <span className="muted">—</span>;
        return (
          <div className="toner-stack">
            {marking.map((supply) => (
              <TonerBar
                key={supply.id}
                compact
                label={supplyLabel(supply)}
                colour={supply.color}
                level={supplyLevel(supply)}
              />
            ))}
          </div>
        );
      },
    },
    {
      id: 'counters',
      header: 'Life count',
      meta: { numeric: true },
      cell: ({ row: { original: device } }) => {
        const counters = device.latestMeterRead?.counters;
        return (
          <>
            {formatCount(counterValue(counters, 'total'))}
            <div className="muted">
              mono {formatCount(counterValue(counters, 'mono'))} · colour{' '}
              {formatCount(counterValue(counters, 'color'))}
            </div>
          </>
        );
      },
    },
    {
      id: 'status',
      header: 'Status',
      cell: ({ row: { original: device } }) => <DeviceStatus device={device} />,
    },
    {
      id: 'LAST_SEEN',
      header: 'Last seen',
      accessorFn: serverSorted,
      enableSorting: true,
      cell: ({ row: { original: device } }) => formatDateTime(device.lastSeenAt),
    },
    {
      id: 'LAST_READ',
      header: 'Last read',
      accessorFn: serverSorted,
      enableSorting: true,
      cell: ({ row: { original: device } }) => formatDateTime(device.lastMeterReadAt),
    },
  ];
}

/** The yes/no filters, in the order the page shows them. */
const FLAG_FILTERS = [
  { flag: 'lowToner', label: 'Low toner' },
  { flag: 'dueSoon', label: 'Supply due' },
  { flag: 'silent', label: 'Silent' },
  { flag: 'noContract', label: 'Not under contract' },
] as const;

export function FleetPage() {
  const user = useCurrentUser();
  const ownCustomer = isCustomerRole(user.role) ? user.customerId : null;
  const [state, update] = useFleetUrlState();
  const [searchInput, setSearchInput] = useState(state.search);
  const [ipInput, setIpInput] = useState(state.ip);
  // Back and forward change the URL under the form: show what is applied.
  useEffect(() => setSearchInput(state.search), [state.search]);
  useEffect(() => setIpInput(state.ip), [state.ip]);

  const variables = fleetVariables(state, ownCustomer);
  const facets = useQuery(DeviceFacetsDocument, {
    variables: { customerId: variables.customerId, siteId: variables.siteId },
  });
  const manufacturers = facets.data?.deviceFacets.manufacturers ?? [];
  const models = modelOptions(facets.data?.deviceFacets.models ?? [], state.manufacturer);
  const filtered = Object.entries(variables).some(
    ([key, value]) =>
      !['sort', 'direction', 'first', 'offset'].includes(key) &&
      value !== null &&
      !(key === 'retired' && value === 'HIDE') &&
      !(key === 'customerId' && ownCustomer !== null),
  );
  const devices = useQuery(FleetDocument, { variables });

  return (
    <Page title="Fleet">
      <form
        className="toolbar filters"
        role="search"
        aria-label="Filter devices"
        onSubmit={(event) => {
          event.preventDefault();
          update({ search: searchInput.trim(), ip: ipInput.trim() });
        }}
      >
        {ownCustomer === null && (
          <CustomerPicker
            value={state.customer}
            onChange={(id) => update({ customer: id, site: '' })}
          />
        )}
        <SiteSelect
          customerId={variables.customerId}
          value={state.site}
          onChange={(site) => update({ site })}
        />
        <div className="field">
          <label htmlFor="fleet-manufacturer">Manufacturer</label>
          <select
            id="fleet-manufacturer"
            value={state.manufacturer}
            onChange={(event) => update({ manufacturer: event.target.value, model: '' })}
          >
            <option value="">All manufacturers</option>
            {/* Keep a chosen value listed even when the facets of a new scope lack it. */}
            {state.manufacturer !== '' && !manufacturers.includes(state.manufacturer) && (
              <option value={state.manufacturer}>{state.manufacturer}</option>
            )}
            {manufacturers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fleet-model">Model</label>
          <select
            id="fleet-model"
            value={state.model}
            onChange={(event) => update({ model: event.target.value })}
          >
            <option value="">All models</option>
            {state.model !== '' && !models.some((option) => option.model === state.model) && (
              <option value={state.model}>{state.model}</option>
            )}
            {models.map((option) => (
              <option key={option.model} value={option.model}>
                {option.model} ({option.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fleet-status">Status</label>
          <select
            id="fleet-status"
            value={state.status}
            onChange={(event) =>
              update({ status: isDeviceStatus(event.target.value) ? event.target.value : '' })
            }
          >
            <option value="">Any status</option>
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fleet-alert">Open alerts</label>
          <select
            id="fleet-alert"
            value={state.alert}
            onChange={(event) =>
              update({
                alert:
                  SEVERITY_OPTIONS.find((option) => option.value === event.target.value)?.value ??
                  '',
              })
            }
          >
            <option value="">Any or none</option>
            {SEVERITY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fleet-retired">Retired devices</label>
          <select
            id="fleet-retired"
            value={state.retired}
            onChange={(event) => update({ retired: retiredFilterOf(event.target.value) })}
          >
            {RETIRED_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="checkbox-list fleet-flags">
          <legend className="visually-hidden">Only devices that are</legend>
          {FLAG_FILTERS.map(({ flag, label }) => (
            <label key={flag} className="checkbox">
              <input
                type="checkbox"
                checked={state[flag]}
                onChange={(event) => update({ [flag]: event.target.checked })}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="fleet-search">Search</label>
          <input
            id="fleet-search"
            type="search"
            placeholder="Serial, model, IP, MAC, host, location"
            value={searchInput}
            onChange={(event) => setSearchInput(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="fleet-ip">IP address (exact)</label>
          <input
            id="fleet-ip"
            type="search"
            inputMode="decimal"
            placeholder="e.g. 127.0.4.21"
            value={ipInput}
            onChange={(event) => setIpInput(event.target.value)}
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <ServerTable
        caption="Devices"
        columns={fleetColumns(ownCustomer === null)}
        rows={nodesOf(devices.data?.devices)}
        rowKey={(device) => device.id}
        sort={{ id: state.sort, desc: state.direction === 'DESC' }}
        onSort={(sort) => {
          const field = SORT_FIELDS.find((name) => name === sort.id);
          if (field) update({ sort: field, direction: sort.desc ? 'DESC' : 'ASC' });
        }}
        pager={{
          page: state.page,
          pageSize: FLEET_PAGE_SIZE,
          totalCount: devices.data?.devices.totalCount ?? 0,
          onPage: (page) => update({ page }),
        }}
        loading={devices.loading}
        error={devices.error}
        onRetry={() => void devices.refetch()}
        emptyTitle={filtered ? 'No device matches these filters' : 'No devices yet'}
        emptyBody={
          filtered
            ? undefined
            : state.retired === 'HIDE'
              ? 'Devices appear here after an enrolled agent has sent its first upload. Retired devices are hidden: choose them under “Retired devices”.'
              : 'Devices appear here after an enrolled agent has sent its first upload.'
        }
      />
    </Page>
  );
}

export function DeviceStatus({
  device,
}: {
  device: Pick<
    FleetDeviceFragment,
    | 'status'
    | 'printerStatus'
    | 'detectedErrors'
    | 'openAlerts'
    | 'retiredAt'
    | 'monitoringPausedAt'
  >;
}) {
  const critical = device.openAlerts.some((alert) => alert.severity === 'CRITICAL');
  return (
    <>
      {device.retiredAt && (
        <span className="badge badge--muted" data-lifecycle="retired">
          Retired
        </span>
      )}
      {device.monitoringPausedAt && (
        <span className="badge badge--muted" data-lifecycle="paused">
          Paused
        </span>
      )}
      {(device.retiredAt || device.monitoringPausedAt) && ' '}
      <span className={statusBadgeClass(device.status)} data-status={device.status}>
        {statusLabel(device.status)}
      </span>{' '}
      {/* hrPrinterStatus as RFC 2790 names it; a device that does not report it shows nothing. */}
      {device.printerStatus && <span className="muted">{device.printerStatus}</span>}
      {device.detectedErrors.length > 0 && (
        <div className="text-danger">{device.detectedErrors.join(', ')}</div>
      )}
      {device.openAlerts.length > 0 && (
        <div>
          <span className={critical ? 'badge badge--danger' : 'badge'}>
            {device.openAlerts.length} open alert{device.openAlerts.length === 1 ? '' : 's'}
          </span>
        </div>
      )}
    </>
  );
}
