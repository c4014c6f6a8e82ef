import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  DeviceConsentDocument,
  QueueCommandDocument,
  type DeviceQuery,
} from '../../generated/graphql';
import { ErrorState } from '../../shared/states';
import { COMMAND_TYPE_OPTIONS, type CommandType } from '../customers/command-types';

export type DeviceCapabilities = NonNullable<DeviceQuery['device']>['capabilities'];

export type ActionChoice = {
  type: CommandType;
  label: string;
  effect: string;
  /** Why the device cannot do it; null when offered. */
  unavailable: string | null;
};

/**
 * The actions to show for a device: those the customer consented to, each offered only if
 * the device can do it (central decides from what its agent learned) and otherwise shown
 * disabled with the reason.
 */
export function actionChoices(
  consented: readonly CommandType[],
  capabilities: DeviceCapabilities,
): ActionChoice[] {
  return COMMAND_TYPE_OPTIONS.filter((option) => consented.includes(option.type)).map((option) => {
    const availability = capabilities.actions.find((action) => action.type === option.type);
    const effect =
      option.type === 'PRINT_TEST_PAGE' && capabilities.pjl
        ? "prints the printer's own configuration page"
        : option.effect;
    return {
      ...option,
      effect,
      unavailable:
        availability && !availability.available
          ? (availability.reason ?? 'Not supported by this device')
          : null,
    };
  });
}

const yesNo = (value: boolean | null | undefined, yes: string, no: string) =>
  value === true ? yes : value === false ? no : null;

/** What the agent learned about the device, as identity rows (null: not known yet). */
export function capabilityRows(c: DeviceCapabilities): Array<[string, string | null]> {
  return [
    ['Raw print port (9100)', yesNo(c.rawPrintPort, 'open', 'closed')],
    ['PJL', yesNo(c.pjl, c.pjlId ? `answers (${c.pjlId})` : 'answers', 'no answer')],
    ['SNMP write credential', yesNo(c.writeCredential, 'configured', 'none configured')],
    [
      'Last reboot (SNMP SET)',
      c.lastSet === null
        ? null
        : `${c.lastSet.toLowerCase().replaceAll('_', ' ')}${c.lastSetMessage ? `: ${c.lastSetMessage}` : ''}`,
    ],
  ];
}

export function QueueCommandForm({
  deviceId,
  customerId,
  capabilities,
  onQueued,
}: {
  deviceId: string;
  customerId: string;
  capabilities: DeviceCapabilities;
  onQueued: () => void;
}) {
  const consent = useQuery(DeviceConsentDocument, { variables: { customerId } });
  const allowed = consent.data?.customer.allowedCommandTypes ?? [];
  const choices = actionChoices(allowed, capabilities);
  const unavailable = choices.filter((choice) => choice.unavailable !== null);
  const [type, setType] = useState<CommandType | ''>('');
  const [queue, { loading, error, data, reset }] = useMutation(QueueCommandDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (type === '') return;
    reset();
    const result = await queue({ variables: { input: { deviceId, type } } }).catch(() => null);
    if (result?.data) {
      setType('');
      onQueued();
    }
  };

  if (consent.data && choices.length === 0) {
    return (
      <p className="muted">
        The customer has not allowed any remote action. Their admin can allow some on the customer
        page.
      </p>
    );
  }
  return (
    <form
      className="toolbar card"
      onSubmit={(event) => void submit(event)}
      aria-label="Queue a command"
    >
      <label htmlFor="command-type">Action</label>
      <select
        id="command-type"
        required
        value={type}
        onChange={(event) => setType(event.target.value as CommandType | '')}
      >
        <option value="">Choose…</option>
        {choices.map((choice) => (
          <option key={choice.type} value={choice.type} disabled={choice.unavailable !== null}>
            {choice.label} — {choice.unavailable !== null ? 'not available' : choice.effect}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--primary" disabled={loading || type === ''}>
        Queue
      </button>
      {data && !error && (
        <span role="status" className="form-success">
          Queued: the agent picks it up on its next poll.
        </span>
      )}
      {error && <ErrorState error={error} />}
      {unavailable.length > 0 && (
        <ul className="muted" aria-label="Actions not available">
          {unavailable.map((choice) => (
            <li key={choice.type}>
              {choice.label}: {choice.unavailable}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
