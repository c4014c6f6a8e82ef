import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { DeviceContractDocument } from '../../generated/graphql';
import { formatDate } from '../../shared/format';
import { ErrorState } from '../../shared/states';
import { BILLING_CYCLE_LABELS, meterText } from './contract-display';

/** The device page's contract panel: the contract it is under now and its start meters. */
export function DeviceContract({ deviceId }: { deviceId: string }) {
  const query = useQuery(DeviceContractDocument, { variables: { id: deviceId } });
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const device = query.data?.device;
  if (!device) return null;
  const contract = device.contract;
  return (
    <section className="card" aria-labelledby="contract-title">
      <h2 id="contract-title">Contract</h2>
      {contract ? (
        <>
          <p>
            Under contract{' '}
            <Link to={`/customers/${contract.customerId}`}>
              <strong>{contract.reference}</strong>
            </Link>{' '}
            ({BILLING_CYCLE_LABELS[contract.billingCycle]}, billed meters{' '}
            {contract.billedMeters.join(', ')}) since{' '}
            {formatDate(device.contractMembership?.attachedAt)}.
          </p>
          <p className="muted">
            Start meters:{' '}
            {meterText(device.contractMembership?.startMeter?.counters, contract.billedMeters)}
          </p>
        </>
      ) : (
        <p className="muted">
          Not under contract. Attach it from its <Link to="/customers">customer&apos;s page</Link>.
        </p>
      )}
    </section>
  );
}
