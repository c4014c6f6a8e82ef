import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  PauseDeviceMonitoringDocument,
  ReinstateDeviceDocument,
  ResumeDeviceMonitoringDocument,
  RetireDeviceDocument,
  UpdateDeviceDocument,
  type DeviceAdministrationFragment,
} from '../../generated/graphql';
import { formatCount, formatDateTime } from '../../shared/format';
import { describeError } from '../../shared/states';
import { SiteSelect } from '../customers/site-select';
import { counterEntries, counterLabel } from './device-display';

/** The limits central enforces (UpdateDeviceInput), so the form stops at them too. */
const MAX = { displayName: 120, equipmentId: 64, assetTag: 64, notes: 2000 } as const;

/** What people set on a device (name, IDs, site, notes) and its retirement and monitoring. */
export function DeviceAdministration({
  device,
  canManage,
}: {
  device: DeviceAdministrationFragment;
  canManage: boolean;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby="administration-title">
      <h2 id="administration-title">Administration</h2>
      <Lifecycle device={device} />
      {editing ? (
        <EditDeviceForm device={device} onDone={() => setEditing(false)} />
      ) : (
        <>
          <dl className="facts">
            {(
              [
                ['Display name', device.displayName],
                ['Equipment ID', device.equipmentId],
                ['Asset tag', device.assetTag],
                ['Notes', device.notes],
              ] as const
            ).map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd className="pre-wrap">{value ?? '—'}</dd>
              </div>
            ))}
          </dl>
          {canManage && (
            <div className="toolbar">
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit
              </button>
              <LifecycleActions device={device} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Lifecycle({ device }: { device: DeviceAdministrationFragment }) {
  const endMeter = device.endMeter;
  return (
    <>
      {device.retiredAt && (
        <div role="status">
          <p>
            <span className="badge badge--muted">Retired</span> since{' '}
            {formatDateTime(device.retiredAt)}: readings are still stored, but it opens no alerts
            and gets no supply orders.
          </p>
          {endMeter ? (
            <p className="muted">
              End meter (read {formatDateTime(endMeter.readAt)}):{' '}
              {counterEntries(endMeter.counters)
                .map(([name, value]) => `${counterLabel(name)} ${formatCount(value)}`)
                .join(' · ')}
            </p>
          ) : (
            <p className="muted">No meter read had been stored when it was retired.</p>
          )}
        </div>
      )}
      {device.monitoringPausedAt && (
        <p role="status">
          <span className="badge badge--muted">Paused</span> Monitoring paused since{' '}
          {formatDateTime(device.monitoringPausedAt)}: readings are stored, no alerts or supply
          orders.
        </p>
      )}
    </>
  );
}

type Action = 'retire' | 'reinstate' | 'pause' | 'resume';

const CONFIRM: Record<Action, { ask: string; button: string }> = {
  retire: {
    ask: 'Retire this device? Its newest meter read becomes the end meter and its open alerts close.',
    button: 'Retire device',
  },
  reinstate: { ask: 'Reinstate this device? It is monitored again.', button: 'Reinstate device' },
  pause: {
    ask: 'Pause monitoring? Readings are still stored, but no alerts or supply orders follow.',
    button: 'Pause monitoring',
  },
  resume: { ask: 'Resume monitoring of this device?', button: 'Resume monitoring' },
};

function LifecycleActions({ device }: { device: DeviceAdministrationFragment }) {
  const [asking, setAsking] = useState<Action | null>(null);
  const variables = { variables: { id: device.id } };
  const [retire, retiring] = useMutation(RetireDeviceDocument);
  const [reinstate, reinstating] = useMutation(ReinstateDeviceDocument);
  const [pause, pausing] = useMutation(PauseDeviceMonitoringDocument);
  const [resume, resuming] = useMutation(ResumeDeviceMonitoringDocument);
  const states = [retiring, reinstating, pausing, resuming];
  const busy = states.some((state) => state.loading);
  const error = states.find((state) => state.error)?.error;

  const run = async (action: Action) => {
    const perform = { retire, reinstate, pause, resume }[action];
    const result = await perform(variables).catch(() => null);
    if (result?.data) setAsking(null);
  };

  if (asking) {
    return (
      <div className="toolbar" role="group" aria-label="Confirm">
        <span>{CONFIRM[asking].ask}</span>
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void run(asking)}
        >
          {CONFIRM[asking].button}
        </button>
        <button type="button" className="button" onClick={() => setAsking(null)}>
          Cancel
        </button>
        {error && <span role="alert">{describeError(error)}</span>}
      </div>
    );
  }
  return (
    <>
      {device.retiredAt ? (
        <button type="button" className="button" onClick={() => setAsking('reinstate')}>
          Reinstate…
        </button>
      ) : (
        <button type="button" className="button" onClick={() => setAsking('retire')}>
          Retire…
        </button>
      )}
      {device.monitoringPausedAt ? (
        <button type="button" className="button" onClick={() => setAsking('resume')}>
          Resume monitoring…
        </button>
      ) : (
        <button type="button" className="button" onClick={() => setAsking('pause')}>
          Pause monitoring…
        </button>
      )}
    </>
  );
}

function EditDeviceForm({
  device,
  onDone,
}: {
  device: DeviceAdministrationFragment;
  onDone: () => void;
}) {
  const [displayName, setDisplayName] = useState(device.displayName ?? '');
  const [equipmentId, setEquipmentId] = useState(device.equipmentId ?? '');
  const [assetTag, setAssetTag] = useState(device.assetTag ?? '');
  const [notes, setNotes] = useState(device.notes ?? '');
  const [siteId, setSiteId] = useState(device.siteId ?? '');
  const [update, { loading, error }] = useMutation(UpdateDeviceDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update({
      variables: {
        input: {
          id: device.id,
          displayName,
          equipmentId,
          assetTag,
          notes,
          ...(siteId !== '' ? { siteId } : {}),
        },
      },
    }).catch(() => null);
    if (result?.data) onDone();
  };

  const text = (
    id: string,
    label: string,
    value: string,
    set: (value: string) => void,
    max: number,
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} maxLength={max} onChange={(event) => set(event.target.value)} />
    </div>
  );

  return (
    <form className="form-grid" aria-label="Edit device" onSubmit={(event) => void submit(event)}>
      {text('device-display-name', 'Display name', displayName, setDisplayName, MAX.displayName)}
      {text('device-equipment-id', 'Equipment ID', equipmentId, setEquipmentId, MAX.equipmentId)}
      {text('device-asset-tag', 'Asset tag', assetTag, setAssetTag, MAX.assetTag)}
      <SiteSelect customerId={device.customerId} value={siteId} onChange={setSiteId} required />
      <div className="field form-grid__wide">
        <label htmlFor="device-notes">Notes</label>
        <textarea
          id="device-notes"
          rows={3}
          maxLength={MAX.notes}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
        />
      </div>
      {error && (
        <p className="text-danger form-grid__wide" role="alert">
          {describeError(error)}
        </p>
      )}
      <div className="form-grid__wide toolbar">
        <button type="submit" className="button button--primary" disabled={loading}>
          Save
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
