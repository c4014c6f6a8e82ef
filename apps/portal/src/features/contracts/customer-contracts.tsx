import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  AttachDevicesToContractDocument,
  CreateContractDocument,
  CustomerContractsDocument,
  DetachDeviceFromContractDocument,
  DevicesWithoutContractDocument,
  EndContractDocument,
  type BillingCycle,
  type ContractDeviceRowFragment,
  type CustomerContractsQuery,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { ReasonedButton } from '../../shared/disabled-reason';
import { formatDate } from '../../shared/format';
import { toggled } from '../../shared/selection';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import {
  BILLING_CYCLE_LABELS,
  dayToIso,
  meterText,
  parseAllowances,
  parseMeters,
} from './contract-display';

type ContractNode = CustomerContractsQuery['contracts']['edges'][number]['node'];

/** The customer page's contracts: list, create, attach and detach devices, end. */
export function CustomerContracts({
  customerId,
  canManage,
}: {
  customerId: string;
  canManage: boolean;
}) {
  const contracts = useQuery(CustomerContractsDocument, {
    variables: { customerId, first: 50 },
  });
  const refetch = () => void contracts.refetch();
  const list = nodesOf(contracts.data?.contracts);
  return (
    <>
      {canManage && <CreateContractForm customerId={customerId} onCreated={refetch} />}
      {contracts.error ? (
        <ErrorState error={contracts.error} onRetry={refetch} />
      ) : !list ? (
        <LoadingState />
      ) : list.length === 0 ? (
        <EmptyState title="No contracts yet">
          A contract names the meters billed for the devices under it.
        </EmptyState>
      ) : (
        list.map((contract) => (
          <ContractCard
            key={contract.id}
            contract={contract}
            canManage={canManage}
            onChanged={refetch}
          />
        ))
      )}
    </>
  );
}

function ContractCard({
  contract,
  canManage,
  onChanged,
}: {
  contract: ContractNode;
  canManage: boolean;
  onChanged: () => void;
}) {
  const [end, ending] = useMutation(EndContractDocument);
  const [confirming, setConfirming] = useState(false);
  const active = contract.status === 'ACTIVE';
  const endNow = async () => {
    const result = await end({ variables: { id: contract.id } }).catch(() => null);
    if (result?.data) {
      setConfirming(false);
      onChanged();
    }
  };
  return (
    <section className="card" aria-label={`Contract ${contract.reference}`}>
      <h3>
        Contract {contract.reference}{' '}
        <span className={active ? 'badge badge--ok' : 'badge'}>{active ? 'Active' : 'Ended'}</span>
      </h3>
      <p className="muted">
        {BILLING_CYCLE_LABELS[contract.billingCycle]} · from {formatDate(contract.startDate)}
        {contract.endDate ? ` to ${formatDate(contract.endDate)}` : ''}
        {contract.endedAt ? ` · ended ${formatDate(contract.endedAt)}` : ''} · billed meters:{' '}
        {contract.billedMeters.join(', ')}
        {contract.allowances.length > 0 &&
          ` · allowances: ${contract.allowances.map((a) => `${a.meter} ${a.pages}`).join(', ')}`}
      </p>
      <ContractDevices contract={contract} canManage={canManage && active} onChanged={onChanged} />
      {canManage && active && <AttachDevicesForm contract={contract} onAttached={onChanged} />}
      {canManage && active && (
        <div className="button-row">
          {confirming ? (
            <>
              <p role="alert">
                End contract {contract.reference} now? Its {contract.devices.length} device(s) leave
                it with their end meters.
              </p>
              <button
                type="button"
                className="button button--danger"
                disabled={ending.loading}
                onClick={() => void endNow()}
              >
                Yes, end contract
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              End contract
            </button>
          )}
          {ending.error && <ErrorState error={ending.error} />}
        </div>
      )}
    </section>
  );
}

function ContractDevices({
  contract,
  canManage,
  onChanged,
}: {
  contract: ContractNode;
  canManage: boolean;
  onChanged: () => void;
}) {
  const [detach, detaching] = useMutation(DetachDeviceFromContractDocument);
  if (contract.devices.length === 0)
    return <p className="muted">No devices under this contract.</p>;
  const remove = async (row: ContractDeviceRowFragment) => {
    const result = await detach({
      variables: { input: { contractId: contract.id, deviceId: row.deviceId } },
    }).catch(() => null);
    if (result?.data) onChanged();
  };
  return (
    <div className="table-scroll" role="region" aria-label={`Devices of ${contract.reference}`}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Since</th>
            <th scope="col">Start meters</th>
            {canManage && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {contract.devices.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/devices/${row.deviceId}`}>
                  {row.displayName ?? row.serialNumber ?? row.deviceId}
                </Link>{' '}
                <small className="muted">
                  {[row.manufacturer, row.model].filter(Boolean).join(' ')}
                </small>
              </td>
              <td>{formatDate(row.attachedAt)}</td>
              <td>{meterText(row.startMeter?.counters, contract.billedMeters)}</td>
              {canManage && (
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    disabled={detaching.loading}
                    onClick={() => void remove(row)}
                  >
                    Detach
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {detaching.error && <ErrorState error={detaching.error} />}
    </div>
  );
}

function AttachDevicesForm({
  contract,
  onAttached,
}: {
  contract: ContractNode;
  onAttached: () => void;
}) {
  const [open, setOpen] = useState(false);
  const devices = useQuery(DevicesWithoutContractDocument, {
    variables: { customerId: contract.customerId },
    skip: !open,
    fetchPolicy: 'network-only',
  });
  const [attach, { loading, error, reset }] = useMutation(AttachDevicesToContractDocument);
  const [selected, setSelected] = useState<string[]>([]);
  const candidates = nodesOf(devices.data?.devices) ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await attach({
      variables: { input: { contractId: contract.id, deviceIds: selected } },
    }).catch(() => null);
    if (result?.data) {
      setSelected([]);
      setOpen(false);
      onAttached();
    }
  };

  return (
    <details
      className="disclosure"
      open={open || undefined}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Attach devices</summary>
      <form
        onSubmit={(event) => void submit(event)}
        aria-label={`Attach devices to ${contract.reference}`}
      >
        {devices.loading && <LoadingState />}
        {devices.error && <ErrorState error={devices.error} />}
        {devices.data && candidates.length === 0 && (
          <p className="muted">Every device of this customer is under a contract already.</p>
        )}
        <div className="checkbox-list checkbox-list--stacked">
          {candidates.map((device) => (
            <label key={device.id} className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(device.id)}
                onChange={() => setSelected((current) => toggled(current, device.id))}
              />
              <span>
                {device.displayName ?? device.serialNumber ?? device.id}{' '}
                <small>{[device.manufacturer, device.model].filter(Boolean).join(' ')}</small>
              </span>
            </label>
          ))}
        </div>
        {error && <ErrorState error={error} />}
        <ReasonedButton
          type="submit"
          className="button button--primary"
          busy={loading}
          reason={selected.length === 0 ? 'Select at least one device.' : null}
        >
          Attach {selected.length > 0 ? selected.length : ''} device(s)
        </ReasonedButton>
      </form>
    </details>
  );
}

function CreateContractForm({
  customerId,
  onCreated,
}: {
  customerId: string;
  onCreated: () => void;
}) {
  const [create, { loading, error, reset }] = useMutation(CreateContractDocument);
  const [reference, setReference] = useState('');
  const [startDay, setStartDay] = useState(() => new Date().toISOString().slice(0, 10));
  const [endDay, setEndDay] = useState('');
  const [cycle, setCycle] = useState<BillingCycle>('MONTHLY');
  const [meters, setMeters] = useState('total, mono, color');
  const [allowanceText, setAllowanceText] = useState('');
  const billedMeters = parseMeters(meters);
  const allowances = parseAllowances(allowanceText);
  const startDate = dayToIso(startDay);
  const endDate = endDay ? dayToIso(endDay) : null;

  const reason =
    reference.trim() === ''
      ? 'Enter the contract reference.'
      : !startDate
        ? 'Enter the start date.'
        : endDate && endDate < startDate
          ? 'The end date is before the start date.'
          : billedMeters.length === 0
            ? 'Name at least one billed meter.'
            : !allowances
              ? 'Write allowances as meter and pages, e.g. mono=5000, color=1000.'
              : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason || !startDate || !allowances) return;
    reset();
    const result = await create({
      variables: {
        input: {
          customerId,
          reference: reference.trim(),
          startDate,
          endDate,
          billingCycle: cycle,
          billedMeters,
          allowances,
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setReference('');
      setAllowanceText('');
      onCreated();
    }
  };

  return (
    <details className="card disclosure">
      <summary>New contract</summary>
      <form
        className="form-grid"
        onSubmit={(event) => void submit(event)}
        aria-label="New contract"
      >
        <div className="field">
          <label htmlFor="contract-reference">Reference</label>
          <input
            id="contract-reference"
            value={reference}
            maxLength={64}
            onChange={(event) => setReference(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="contract-cycle">Billing cycle</label>
          <select
            id="contract-cycle"
            value={cycle}
            onChange={(event) => setCycle(event.target.value as BillingCycle)}
          >
            {(Object.keys(BILLING_CYCLE_LABELS) as BillingCycle[]).map((value) => (
              <option key={value} value={value}>
                {BILLING_CYCLE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contract-start">Start date</label>
          <input
            id="contract-start"
            type="date"
            value={startDay}
            onChange={(event) => setStartDay(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="contract-end">End date (optional)</label>
          <input
            id="contract-end"
            type="date"
            value={endDay}
            onChange={(event) => setEndDay(event.target.value)}
          />
        </div>
        <div className="field form-grid__wide">
          <label htmlFor="contract-meters">Billed meters</label>
          <input
            id="contract-meters"
            value={meters}
            aria-describedby="contract-meters-help"
            onChange={(event) => setMeters(event.target.value)}
          />
          <small id="contract-meters-help">
            Meter names as the device page lists them, e.g. total, mono, color, scanTotal.
          </small>
        </div>
        <div className="field form-grid__wide">
          <label htmlFor="contract-allowances">Allowances per cycle (optional)</label>
          <input
            id="contract-allowances"
            value={allowanceText}
            placeholder="mono=5000, color=1000"
            onChange={(event) => setAllowanceText(event.target.value)}
          />
        </div>
        {error && <ErrorState error={error} />}
        <div className="form-grid__wide">
          <ReasonedButton
            type="submit"
            className="button button--primary"
            busy={loading}
            reason={reason}
          >
            Create contract
          </ReasonedButton>
        </div>
      </form>
    </details>
  );
}
