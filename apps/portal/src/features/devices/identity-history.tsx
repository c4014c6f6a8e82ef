import { useQuery } from '@apollo/client/react';
import { DeviceIdentityChangesDocument } from '../../generated/graphql';
import { formatDateTime } from '../../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { identityFieldLabel } from './device-history';

/** IP, MAC and other identity changes the agents reported, newest first. */
export function IdentityHistory({ deviceId }: { deviceId: string }) {
  const history = useQuery(DeviceIdentityChangesDocument, {
    variables: { id: deviceId, first: 50 },
  });
  if (history.error)
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const changes = history.data?.device.identityChanges;
  if (!changes) return <LoadingState />;
  if (changes.length === 0) return <EmptyState title="No IP, MAC or identity change seen" />;
  return (
    <div className="table-block">
      <table className="table">
        <caption className="caption">IP / MAC history (newest first)</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.id}>
              <td>{formatDateTime(change.changedAt)}</td>
              <th scope="row">{identityFieldLabel(change.field)}</th>
              <td>
                <code>{change.oldValue ?? '—'}</code>
              </td>
              <td>
                <code>{change.newValue ?? '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
