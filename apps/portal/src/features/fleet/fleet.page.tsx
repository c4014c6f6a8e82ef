import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { isCustomerRole } from '../../app/navigation';
import {
  DeviceFacetsDocument,
  FleetDocument,
  type DeviceRetiredFilter,
  type DeviceStatus as DeviceStatusName,
  type FleetDeviceFragment,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable, type Column } from '../../shared/data-table';
import { formatCount, formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { TonerBar } from '../../shared/toner-bar';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { CustomerPicker } from '../customers/customer-picker';
import { CustomerName, SiteName } from '../customers/names';
import { SiteSelect } from '../customers/site-select';
import {
  counterValue,
  deviceName,
  isMarkingSupply,
  meaningfulHostname,
  supplyLabel,
  supplyLevel,
} from '../devices/device-display';
import {
  isDeviceStatus,
  RETIRED_OPTIONS,
  retiredFilterOf,
  modelOptions,
  STATUS_OPTIONS,
  statusBadgeClass,
  statusLabel,
} from './fleet-filters';

export function FleetPage() {
  const user = useCurrentUser();
  const ownCustomer = isCustomerRole(user.role) ? user.customerId : null;
  const [customerFilter, setCustomerFilter] = useState('');
  const [siteFilter, setSiteFilter] = useState('');
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [manufacturer, setManufacturer] = useState('');
  const [model, setModel] = useState('');
  const [status, setStatus] = useState<DeviceStatusName | ''>('');
  const [retired, setRetired] = useState<DeviceRetiredFilter>('HIDE');
  const customerId = ownCustomer ?? (customerFilter === '' ? null : customerFilter);
  const siteId = siteFilter === '' ? null : siteFilter;
  const facets = useQuery(DeviceFacetsDocument, { variables: { customerId, siteId } });
  const manufacturers = facets.data?.deviceFacets.manufacturers ?? [];
  const models = modelOptions(facets.data?.deviceFacets.models ?? [], manufacturer);
  const filtered = Boolean(
    search || customerId || siteId || manufacturer || model || status || retired === 'ONLY',
  );

  const pagination = useCursorPagination(
    25,
    [customerId, siteId, search, manufacturer, model, status, retired].join('|'),
  );
  const devices = useQuery(FleetDocument, {
    variables: {
      customerId,
      siteId,
      search: search === '' ? null : search,
      manufacturer: manufacturer === '' ? null : manufacturer,
      model: model === '' ? null : model,
      status: status === '' ? null : status,
      retired,
      ...pagination.variables,
    },
  });

  const columns: Array<Column<FleetDeviceFragment>> = [
    {
      key: 'device',
      header: 'Device',
      render: (device) => (
        <>
          <Link to={`/devices/${device.id}`}>{deviceName(device)}</Link>
          {meaningfulHostname(device.hostname) && device.ipAddress && (
            <div className="muted">{device.ipAddress}</div>
          )}
        </>
      ),
    },
    {
      key: 'model',
      header: 'Model',
      render: (device) => (
        <>
          {device.manufacturer ?? '—'}
          <div className="muted">{device.model ?? ''}</div>
        </>
      ),
    },
    {
      key: 'serial',
      header: 'Serial / MAC',
      render: (device) => (
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
      key: 'where',
      header: ownCustomer === null ? 'Customer / site' : 'Site',
      render: (device) => (
        <>
          {ownCustomer === null && <CustomerName id={device.customerId} />}
          <div className={ownCustomer === null ? 'muted' : undefined}>
            <SiteName id={device.siteId} />
            {device.location ? ` · ${device.location}` : ''}
          </div>
        </>
      ),
    },
    {
      key: 'supplies',
      header: 'Toner',
      render: (device) => {
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
      key: 'total',
      header: 'Life count',
      numeric: true,
      render: (device) => formatCount(counterValue(device.latestMeterRead?.counters, 'total')),
    },
    {
      key: 'mono',
      header: 'Mono',
      numeric: true,
      render: (device) => formatCount(counterValue(device.latestMeterRead?.counters, 'mono')),
    },
    {
      key: 'color',
      header: 'Colour',
      numeric: true,
      render: (device) => formatCount(counterValue(device.latestMeterRead?.counters, 'color')),
    },
    {
      key: 'status',
      header: 'Status',
      render: (device) => <DeviceStatus device={device} />,
    },
    {
      key: 'read',
      header: 'Last read',
      render: (device) => formatDateTime(device.lastMeterReadAt),
    },
  ];

  return (
    <Page title="Fleet">
      <form
        className="toolbar filters"
        role="search"
        aria-label="Filter devices"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(searchInput.trim());
        }}
      >
        {ownCustomer === null && (
          <CustomerPicker
            value={customerFilter}
            onChange={(id) => {
              setCustomerFilter(id);
              setSiteFilter('');
            }}
          />
        )}
        <SiteSelect customerId={customerId} value={siteFilter} onChange={setSiteFilter} />
        <div className="field">
          <label htmlFor="fleet-manufacturer">Manufacturer</label>
          <select
            id="fleet-manufacturer"
            value={manufacturer}
            onChange={(event) => {
              setManufacturer(event.target.value);
              setModel('');
            }}
          >
            <option value="">All manufacturers</option>
            {/* Keep a chosen value listed even when the facets of a new scope lack it. */}
            {manufacturer !== '' && !manufacturers.includes(manufacturer) && (
              <option value={manufacturer}>{manufacturer}</option>
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
          <select id="fleet-model" value={model} onChange={(event) => setModel(event.target.value)}>
            <option value="">All models</option>
            {model !== '' && !models.some((option) => option.model === model) && (
              <option value={model}>{model}</option>
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
            value={status}
            onChange={(event) =>
              setStatus(isDeviceStatus(event.target.value) ? event.target.value : '')
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
          <label htmlFor="fleet-retired">Retired devices</label>
          <select
            id="fleet-retired"
            value={retired}
            onChange={(event) => setRetired(retiredFilterOf(event.target.value))}
          >
            {RETIRED_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
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
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <DataTable
        caption="Devices"
        rows={nodesOf(devices.data?.devices)}
        rowKey={(device) => device.id}
        loading={devices.loading}
        error={devices.error}
        onRetry={() => void devices.refetch()}
        emptyTitle={filtered ? 'No device matches these filters' : 'No devices yet'}
        emptyBody={
          filtered
            ? undefined
            : retired === 'HIDE'
              ? 'Devices appear here after an enrolled agent has sent its first upload. Retired devices are hidden: choose them under “Retired devices”.'
              : 'Devices appear here after an enrolled agent has sent its first upload.'
        }
        pagination={pagination}
        pageInfo={devices.data?.devices.pageInfo}
        columns={columns}
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
