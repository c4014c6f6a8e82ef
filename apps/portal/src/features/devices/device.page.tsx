import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { can, isCustomerRole } from '../../app/navigation';
import {
  DeviceDocument,
  SupplyForecastsDocument,
  type DeviceQuery,
  type SupplyForecastsQuery,
} from '../../generated/graphql';
import { ReadReviews } from '../billing/read-reviews';
import { forecastDisplay } from './forecast-text';
import { SupplyHistory } from './supply-history';
import { CounterHistory } from './counter-history';
import { IdentityHistory } from './identity-history';
import { DeviceReview } from './device-review-panel';
import { DeviceContract } from '../contracts/device-contract';
import { DeviceAdministration } from './device-administration';
import { CounterReview } from './counter-review';
import { EstimatedReadForm } from './estimated-read-form';
import { capabilityRows, QueueCommandForm } from './device-actions';
import { trainingLevelText } from '../alerts/training-level';
import { formatCount, formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { TonerBar } from '../../shared/toner-bar';
import { CommandTable } from '../commands/command-table';
import { CustomerName, SiteName } from '../customers/names';
import { DeviceStatus } from '../fleet/fleet.page';
import {
  counterEntries,
  counterLabel,
  deviceName,
  supplyLabel,
  supplyLevel,
} from './device-display';

type Device = NonNullable<DeviceQuery['device']>;

export function DevicePage() {
  const { deviceId = '' } = useParams();
  const user = useCurrentUser();
  const device = useQuery(DeviceDocument, { variables: { id: deviceId } });
  const [commandsVersion, setCommandsVersion] = useState(0);
  // Forecasts are computed per request: asked for separately so the page shows without them.
  const forecasts = useQuery(SupplyForecastsDocument, { variables: { id: deviceId } });
  const forecastOf = (supplyId: string) =>
    forecasts.data?.device.supplies.find((supply) => supply.id === supplyId)?.forecast;

  if (device.error) {
    return (
      <Page title="Device">
        <ErrorState error={device.error} onRetry={() => void device.refetch()} />
      </Page>
    );
  }
  const data = device.data?.device;
  if (!data) return <LoadingState />;

  return (
    <Page title={deviceName(data)} actions={<Link to="/fleet">All devices</Link>}>
      <p className="lead">
        {[data.manufacturer, data.model].filter(Boolean).join(' ') || 'Unknown model'}
        {' · '}
        {!isCustomerRole(user.role) && (
          <>
            <CustomerName id={data.customerId} link />
            {' · '}
          </>
        )}
        <SiteName id={data.siteId} />
      </p>
      {data.mergedIntoId && (
        <p className="text-danger" role="status">
          This device was merged into{' '}
          <Link to={`/devices/${data.mergedIntoId}`}>another device</Link>, which now holds its
          history.
        </p>
      )}
      <DeviceReview device={data} role={user.role} />
      <CounterReview review={data.counterReview ?? null} />
      <DeviceAdministration device={data} canManage={can(user.role, 'manageDevices')} />
      <DeviceContract deviceId={data.id} />
      <div className="grid-2">
        <Identity device={data} />
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          <DeviceStatus device={data} />
          {data.consoleDisplay && (
            <p>
              Panel: <code>{data.consoleDisplay}</code>
            </p>
          )}
          <p className="muted">As of {formatDateTime(data.statusAt)}</p>
        </section>
      </div>

      <h2>Supplies</h2>
      {data.supplies.length === 0 ? (
        <EmptyState title="No supplies reported" />
      ) : (
        <ul className="supply-list card">
          {data.supplies.map((supply) => (
            <li key={supply.id}>
              <span className="supply-list__name">{supplyLabel(supply)}</span>
              <TonerBar
                label={supplyLabel(supply)}
                colour={supply.color}
                level={supplyLevel(supply)}
              />
              <span className="muted dot-list">
                <ForecastText forecast={forecastOf(supply.id)} />
                {supply.partNumber && <span>Part {supply.partNumber}</span>}
                {supply.serialNumber && <span>Serial {supply.serialNumber}</span>}
                {supply.readAt && <span>read {formatDateTime(supply.readAt)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}

      {data.supplies.length > 0 && <SupplyHistory deviceId={data.id} />}

      <h2>Identity history</h2>
      <IdentityHistory deviceId={data.id} />

      <h2>Counters</h2>
      <LatestCounters device={data} />
      <CounterHistory deviceId={data.id} />
      {user.role !== 'CUSTOMER_VIEWER' && (
        <>
          <h3>Read reviews</h3>
          {can(user.role, 'reviewMeters') && <EstimatedReadForm device={data} />}
          <ReadReviews deviceId={data.id} />
        </>
      )}

      <h2>Open alerts</h2>
      {data.openAlerts.length === 0 ? (
        <EmptyState title="No open alerts" />
      ) : (
        <ul className="alert-list">
          {data.openAlerts.map((alert) => (
            <li key={alert.id} className="card">
              <span className={alert.severity === 'CRITICAL' ? 'badge badge--danger' : 'badge'}>
                {alert.severity.toLowerCase()}
              </span>{' '}
              <strong>{alert.message ?? alert.code}</strong>{' '}
              <span className="muted">
                since {formatDateTime(alert.openedAt)} ({alert.source})
                {trainingLevelText(alert.trainingLevel) &&
                  ` · ${trainingLevelText(alert.trainingLevel)}`}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2>Commands</h2>
      {can(user.role, 'queueCommands') && data.agentId !== null && (
        <QueueCommandForm
          deviceId={data.id}
          customerId={data.customerId}
          capabilities={data.capabilities}
          onQueued={() => setCommandsVersion((version) => version + 1)}
        />
      )}
      <CommandTable
        key={commandsVersion}
        deviceId={data.id}
        showDevice={false}
        canCancel={can(user.role, 'queueCommands')}
      />
    </Page>
  );
}

function Identity({ device }: { device: Device }) {
  const rows: Array<[string, string | null]> = [
    ['Serial number', device.serialNumber],
    ['MAC address', device.macAddress],
    ['IP address', device.ipAddress],
    ['Host name', device.hostname],
    ['Firmware', device.firmware],
    ['Location', device.location],
    ['First seen', formatDateTime(device.firstSeenAt)],
    ['Last seen', formatDateTime(device.lastSeenAt)],
    ...capabilityRows(device.capabilities),
  ];
  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">Identity</h2>
      {device.noIdentity && (
        <p className="text-danger">
          Neither serial nor MAC is known: this device cannot be matched reliably.
        </p>
      )}
      {device.needsReview && (
        <p className="text-danger">Another device claims the same identity: review needed.</p>
      )}
      <dl className="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function LatestCounters({ device }: { device: Device }) {
  const read = device.latestMeterRead;
  if (!read) return <EmptyState title="No meter read yet" />;
  const entries = counterEntries(read.counters);
  return (
    <div className="table-block">
      <table className="table">
        <caption className="caption">
          Latest read {formatDateTime(read.readAt)}
          {read.lastSeenAt !== read.readAt &&
            `, unchanged until ${formatDateTime(read.lastSeenAt)}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Counter</th>
            <th scope="col" className="numeric">
              Pages
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{counterLabel(name)}</th>
              <td className="numeric">{formatCount(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Forecast = NonNullable<SupplyForecastsQuery['device']>['supplies'][number]['forecast'];

function ForecastText({ forecast }: { forecast: Forecast | undefined }) {
  if (!forecast) return null;
  const display = forecastDisplay(forecast);
  if (!forecast.available) return <span>{display.text}</span>;
  return (
    <span>
      <strong className={display.urgent ? 'text-danger' : undefined}>{display.text}</strong>
      {display.confidence && ` (${display.confidence} confidence)`}
    </span>
  );
}
