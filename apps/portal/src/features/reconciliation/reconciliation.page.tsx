import { useLazyQuery, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  ReconciliationCsvDocument,
  ReconciliationDocument,
  type ReconciliationRowFragment,
} from '../../generated/graphql';
import { formatDate, formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { CustomerPicker } from '../customers/customer-picker';
import {
  parseReconciliationOptions,
  reconciliationSearchParams,
  reconciliationVariables,
  ROWS_SHOWN,
  type ReconciliationOptions,
} from './reconciliation-options';

/**
 * What to settle before billing: contracted devices that stopped reporting, reporting devices
 * under no contract, serial changes and meter reads awaiting review; the whole report as CSV.
 */
export function ReconciliationPage() {
  const [params, setParams] = useSearchParams();
  const options = parseReconciliationOptions(params);
  const update = (change: Partial<ReconciliationOptions>) =>
    setParams(reconciliationSearchParams({ ...options, ...change }));
  const variables = reconciliationVariables(options);
  const report = useQuery(ReconciliationDocument, { variables, fetchPolicy: 'network-only' });
  const [fetchCsv, csv] = useLazyQuery(ReconciliationCsvDocument, { fetchPolicy: 'network-only' });
  const [days, setDays] = useState(String(options.silentDays));

  const download = async () => {
    const result = await fetchCsv({ variables: { ...variables, bom: true } }).catch(() => null);
    const data = result?.data?.reconciliation;
    if (!data) return;
    const url = URL.createObjectURL(new Blob([data.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `reconciliation-${data.billingDate.slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const data = report.data?.reconciliation;
  const daysValue = Number(days);
  const daysProblem =
    Number.isInteger(daysValue) && daysValue >= 1 && daysValue <= 365
      ? null
      : 'Silent days must be a whole number from 1 to 365.';

  return (
    <Page
      title="Reconciliation"
      actions={
        <button
          type="button"
          className="button"
          disabled={csv.loading}
          onClick={() => void download()}
        >
          Download CSV
        </button>
      }
    >
      <form
        className="toolbar"
        aria-label="Report options"
        onSubmit={(event) => {
          event.preventDefault();
          if (!daysProblem) update({ silentDays: daysValue });
        }}
      >
        <CustomerPicker value={options.customer} onChange={(customer) => update({ customer })} />
        <div className="field">
          <label htmlFor="reconciliation-date">Billing date</label>
          <input
            id="reconciliation-date"
            type="date"
            value={options.day}
            onChange={(event) => update({ day: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="reconciliation-days">Silent days</label>
          <input
            id="reconciliation-days"
            inputMode="numeric"
            value={days}
            aria-describedby={daysProblem ? 'reconciliation-days-problem' : undefined}
            onChange={(event) => setDays(event.target.value)}
            onBlur={() => {
              if (!daysProblem) update({ silentDays: daysValue });
            }}
          />
          {daysProblem && days !== '' && (
            <small id="reconciliation-days-problem" className="disabled-reason">
              {daysProblem}
            </small>
          )}
        </div>
      </form>
      {csv.error && <ErrorState error={csv.error} />}
      {report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <>
          <p className="lead">
            As of {formatDateTime(data.billingDate)}; silent means no reading in the{' '}
            {data.silentDays} days before.
          </p>
          <Section
            title="Under contract, stopped reporting"
            count={data.counts.silentUnderContract}
            rows={data.silentUnderContract}
            empty="Every contracted device reported."
            what={(row) =>
              `Contract ${row.contractReference ?? '—'}; last read ${formatDate(row.lastReadAt)}`
            }
          />
          <Section
            title="Reporting, under no contract"
            count={data.counts.reportingWithoutContract}
            rows={data.reportingWithoutContract}
            empty="Every reporting device is under a contract."
            what={(row) => `Last seen ${formatDateTime(row.lastSeenAt)}`}
          />
          <Section
            title="Serial number changed"
            count={data.counts.serialChanged}
            rows={data.serialChanged}
            empty="No serial number changed in the 31 days before."
            what={(row) => `${row.detail ?? ''} on ${formatDate(row.at)}`}
          />
          <Section
            title="Meter reads awaiting review"
            count={data.counts.awaitingReview}
            rows={data.awaitingReview}
            empty="No meter read awaits review."
            what={(row) => row.detail ?? '—'}
          />
        </>
      )}
    </Page>
  );
}

function Section({
  title,
  count,
  rows,
  empty,
  what,
}: {
  title: string;
  count: number;
  rows: readonly ReconciliationRowFragment[];
  empty: string;
  what: (row: ReconciliationRowFragment) => string;
}) {
  return (
    <section aria-label={title}>
      <h2>
        {title} ({count})
      </h2>
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <div className="table-scroll" role="region" aria-label={`${title} devices`}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Device</th>
                <th scope="col">Equipment ID</th>
                <th scope="col">Finding</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, ROWS_SHOWN).map((row, index) => (
                <tr key={`${row.deviceId}-${index}`}>
                  <td>
                    <Link to={`/customers/${row.customerId}`}>{row.customerName}</Link>
                  </td>
                  <td>
                    <Link to={`/devices/${row.deviceId}`}>
                      {row.displayName ?? row.serialNumber ?? row.deviceId}
                    </Link>{' '}
                    <small className="muted">
                      {[row.manufacturer, row.model].filter(Boolean).join(' ')}
                    </small>
                  </td>
                  <td>{row.equipmentId ?? '—'}</td>
                  <td>{what(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > ROWS_SHOWN && (
            <p className="muted">
              Showing {ROWS_SHOWN} of {rows.length}; the CSV has them all.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
