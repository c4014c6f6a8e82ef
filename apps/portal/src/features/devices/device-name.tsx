import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { DeviceNameDocument } from '../../generated/graphql';
import { deviceName } from './device-display';

/** A link to a device, named as in the fleet; each id is looked up once, then cached. */
export function DeviceLink({ id }: { id: string }) {
  const { data } = useQuery(DeviceNameDocument, { variables: { id }, fetchPolicy: 'cache-first' });
  const device = data?.device;
  return (
    <Link to={`/devices/${id}`}>
      {device ? deviceName(device) : id.slice(0, 8)}
      {device?.serialNumber && <span className="muted small"> {device.serialNumber}</span>}
    </Link>
  );
}
