import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  CreateMeterExportDocument,
  MissingMeterReadsDocument,
  UsageDocument,
  UsageReadSpanDocument,
  type UsageQuery,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { downloadFrom } from '../../shared/download';
import { formatCount, formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState, LoadingState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { CustomerPicker } from '../customers/customer-picker';
import { CustomerName, SiteName } from '../customers/names';
import { counterLabel } from '../devices/device-display';
import {
  isValidPeriod,
  periodBounds,
  periodWithData,
  previousMonth,
  type BillingPeriod,
} from './billing-period';
import { BillingExports } from './billing-exports';
import { CustomerTotals } from './customer-totals';
import { ReadReviews } from './read-reviews';

type DeviceUsage = UsageQuery['usage']['edges'][number]['node'];
type CounterUsage = DeviceUsage['counters'][number];

const BILLED_COUNTERS = ['total', 'mono', 'color'] as const;

const FLAG_LABELS: Readonly<Record<CounterUsage['flags'][number], string>> = {
  MISSING_START: 'no read before start',
  MISSING_END: 'no read in period',
  ROLLBACK_OPEN: 'counter drop to review',
  ROLLBACK_REVIEWED: 'drop reviewed',
  READING_REJECTED: 'reading rejected',
  READ_APPROVED: 'approved read',
  READ_CORRECTED: 'corrected read',
  READ_ESTIMATED: 'estimated read',
  READ_EXCLUDED: 'read excluded',
  READ_AWAITING_REVIEW: 'read awaiting review',
};

export function BillingPage() {
  const [today] = useState(() => new Date());
  const [period, setPeriod] = useState<BillingPeriod>(() => previousMonth(today));
  const [customerId, setCustomerId] = useState('');
  const { role } = useCurrentUser();
  const keepsExports = role === 'DEALER_ADMIN' || role === 'DEALER_BILLING';
  const [applied, setApplied] = useState<{ period: BillingPeriod; customerId: string } | null>(
    null,
  );
  // Opens on a period that has readings (an empty last month shows nothing worth billing).
  const span = useQuery(UsageReadSpanDocument, { variables: { at: today.toISOString() } });
  useEffect(() => {
    if (applied || span.loading) return;
    const opening = periodWithData(span.data?.usage.readSpan ?? null, today);
    setPeriod(opening);
    setApplied({ period: opening, customerId: '' });
  }, [applied, span.loading, span.data, today]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (isValidPeriod(period)) setApplied({ period, customerId });
  };

  // The form waits for the opening period, so nothing a person types is overwritten.
  if (!applied)
    return (
      <Page title="Billing">
        <LoadingState />
      </Page>
    );

  return (
    <Page title="Billing">
      <form className="toolbar filters card" onSubmit={apply} aria-label="Billing period">
        <div className="field">
          <label htmlFor="billing-from">First day</label>
          <input
            id="billing-from"
            type="date"
            required
            value={period.fromDay}
            onChange={(event) => setPeriod({ ...period, fromDay: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="billing-to">Last day</label>
          <input
            id="billing-to"
            type="date"
            required
            min={period.fromDay}
            value={period.toDay}
            onChange={(event) => setPeriod({ ...period, toDay: event.target.value })}
          />
        </div>
        <CustomerPicker label="Customer" value={customerId} onChange={setCustomerId} />
        <button type="submit" className="button button--primary" disabled={!isValidPeriod(period)}>
          Show usage
        </button>
      </form>
      <h2>Usage</h2>
      <UsageTable period={applied.period} customerId={applied.customerId || null} />
      <h2>Missing meters</h2>
      <MissingMeters billingDay={applied.period.toDay} customerId={applied.customerId || null} />
      {keepsExports && (
        <>
          <h2>Monthly exports</h2>
          <BillingExports />
        </>
      )}
      <h2>Reads awaiting review</h2>
      <ReadReviews customerId={applied.customerId || null} />
    </Page>
  );
}

function counterOf(device: DeviceUsage, name: string): CounterUsage | undefined {
  return device.counters.find((counter) => counter.counter === name);
}

function UsageCell({ usage }: { usage: CounterUsage | undefined }) {
  if (!usage) return <span className="muted">—</span>;
  return (
    <>
      <strong>{formatCount(usage.delta)}</strong>
      <div className="muted small">
        {formatCount(usage.start?.value)} → {formatCount(usage.end?.value)}
      </div>
      {usage.flags.map((flag) => (
        <span key={flag} className="badge badge--danger">
          {FLAG_LABELS[flag]}
        </span>
      ))}
    </>
  );
}

function UsageTable({ period, customerId }: { period: BillingPeriod; customerId: string | null }) {
  const bounds = periodBounds(period);
  const pagination = useCursorPagination(50, `${bounds.from}|${bounds.to}|${customerId ?? ''}`);
  const usage = useQuery(UsageDocument, {
    variables: { ...bounds, filter: customerId ? { customerId } : null, ...pagination.variables },
  });
  const [createExport, exporting] = useMutation(CreateMeterExportDocument);
  const [bom, setBom] = useState(true);
  const rows = nodesOf(usage.data?.usage);

  const exportCsv = async () => {
    const result = await createExport({
      variables: { input: { customerId, ...bounds, bom } },
    }).catch(() => null);
    // A signed, short-lived link to central's billing CSV; opening it downloads the file.
    if (result?.data) downloadFrom(result.data.createMeterExport.url);
  };

  return (
    <>
      <div className="toolbar">
        <button
          type="button"
          className="button"
          disabled={exporting.loading}
          onClick={() => void exportCsv()}
        >
          {customerId ? 'Download billing CSV for the customer' : 'Download billing CSV'}
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
          For Excel (UTF-8 byte order mark)
        </label>
        {!customerId && <span className="muted">Every customer; choose one to narrow it.</span>}
      </div>
      {exporting.error && <ErrorState error={exporting.error} />}
      <CustomerTotals totals={usage.data?.usage.customerTotals} counters={BILLED_COUNTERS} />
      <DataTable
        caption={`Usage ${period.fromDay} to ${period.toDay}`}
        rows={rows}
        rowKey={(row) => row.deviceId}
        loading={usage.loading}
        error={usage.error}
        onRetry={() => void usage.refetch()}
        emptyTitle="No devices in this selection"
        pagination={pagination}
        pageInfo={usage.data?.usage.pageInfo}
        columns={[
          {
            key: 'customer',
            header: 'Customer / site',
            render: (row) => (
              <>
                {row.customerName}
                <div className="muted">{row.siteName ?? '—'}</div>
              </>
            ),
          },
          {
            key: 'device',
            header: 'Device',
            render: (row) => (
              <>
                <Link to={`/devices/${row.deviceId}`}>
                  {row.serialNumber ?? row.deviceId.slice(0, 8)}
                </Link>
                <div className="muted">
                  {[row.manufacturer, row.model].filter(Boolean).join(' ')}
                </div>
              </>
            ),
          },
          ...BILLED_COUNTERS.map((name) => ({
            key: name,
            header: counterLabel(name),
            numeric: true,
            render: (row: DeviceUsage) => <UsageCell usage={counterOf(row, name)} />,
          })),
        ]}
      />
    </>
  );
}

function MissingMeters({
  billingDay,
  customerId,
}: {
  billingDay: string;
  customerId: string | null;
}) {
  const [days, setDays] = useState(7);
  const billingDate = periodBounds({ fromDay: billingDay, toDay: billingDay }).to;
  const pagination = useCursorPagination(50, `${billingDate}|${days}|${customerId ?? ''}`);
  const missing = useQuery(MissingMeterReadsDocument, {
    variables: { billingDate, days, customerId, ...pagination.variables },
  });
  return (
    <>
      <div className="toolbar">
        <label htmlFor="missing-days">No reading in the last</label>
        <input
          id="missing-days"
          type="number"
          min={1}
          max={90}
          value={days}
          onChange={(event) => setDays(Math.max(1, Number(event.target.value) || 1))}
          className="input-narrow"
        />
        <span>days before {billingDay}</span>
      </div>
      <DataTable
        caption="Devices without recent meter reads"
        rows={nodesOf(missing.data?.missingMeterReads)}
        rowKey={(row) => row.deviceId}
        loading={missing.loading}
        error={missing.error}
        onRetry={() => void missing.refetch()}
        emptyTitle="Every device has a recent reading"
        pagination={pagination}
        pageInfo={missing.data?.missingMeterReads.pageInfo}
        columns={[
          {
            key: 'customer',
            header: 'Customer',
            render: (row) => <CustomerName id={row.customerId} />,
          },
          { key: 'site', header: 'Site', render: (row) => <SiteName id={row.siteId} /> },
          {
            key: 'device',
            header: 'Device',
            render: (row) => (
              <Link to={`/devices/${row.deviceId}`}>
                {[row.manufacturer, row.model, row.serialNumber].filter(Boolean).join(' ') ||
                  row.deviceId}
              </Link>
            ),
          },
          { key: 'last', header: 'Last read', render: (row) => formatDateTime(row.lastReadAt) },
        ]}
      />
    </>
  );
}
