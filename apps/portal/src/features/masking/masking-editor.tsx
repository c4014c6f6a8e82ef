import { useState, type FormEvent } from 'react';
import { ReasonedButton } from '../../shared/disabled-reason';
import { ErrorState } from '../../shared/states';
import {
  changedModes,
  decidedBy,
  MASKING_GROUPS,
  MASKING_MODES,
  modeLabel,
  stricter,
  type MaskingModes,
} from './masking-modes';

type Props = {
  label: string;
  saved: MaskingModes;
  /** The dealer's settings, shown beside a customer's own with what applies. */
  dealer?: MaskingModes;
  /** Why the settings cannot be changed by this user, or null when they can. */
  lockedReason: string | null;
  saving: boolean;
  error?: Error;
  onSave: (changes: Partial<MaskingModes>) => Promise<boolean>;
};

/** One "send / keyed hash / withhold" choice per group of identifying values. */
export function MaskingEditor({
  label,
  saved,
  dealer,
  lockedReason,
  saving,
  error,
  onSave,
}: Props) {
  const [draft, setDraft] = useState<MaskingModes>(saved);
  const [savedOnce, setSavedOnce] = useState(false);
  const changes = changedModes(saved, draft);
  const changed = Object.keys(changes).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSavedOnce(await onSave(changes));
  };

  return (
    <form className="card" aria-label={label} onSubmit={(event) => void submit(event)}>
      <table className="masking-table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Values</th>
            <th scope="col">{dealer ? 'This customer' : 'All customers'}</th>
            {dealer && (
              <>
                <th scope="col">Dealer</th>
                <th scope="col">Agents apply</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {MASKING_GROUPS.map(({ group, label: groupLabel, hint }) => (
            <tr key={group}>
              <th scope="row">
                {groupLabel}
                <div className="muted small">{hint}</div>
              </th>
              <td>
                <fieldset className="radio-row" aria-label={groupLabel}>
                  {MASKING_MODES.map(({ mode, label: modeText, effect }) => (
                    <label key={mode} className="checkbox" title={effect}>
                      <input
                        type="radio"
                        name={`${label}-${group}`}
                        value={mode}
                        checked={draft[group] === mode}
                        disabled={lockedReason !== null}
                        onChange={() => {
                          setSavedOnce(false);
                          setDraft({ ...draft, [group]: mode });
                        }}
                      />
                      {modeText}
                    </label>
                  ))}
                </fieldset>
              </td>
              {dealer && (
                <>
                  <td>{modeLabel(dealer[group])}</td>
                  <td data-testid={`effective-${group}`}>
                    <strong>{modeLabel(stricter(saved[group], dealer[group]))}</strong>
                    <div className="muted small">{decidedBy(saved[group], dealer[group])}</div>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        The stricter setting wins:{' '}
        {dealer ? 'the dealer’s, the customer’s' : 'this one, a customer’s'} and the agent&apos;s
        local file each can only make masking stricter, never looser. Agents apply a change from
        their next config fetch; what central already stored stays as it is.
      </p>
      {error && <ErrorState error={error} />}
      {savedOnce && !changed && (
        <p className="form-success" role="status">
          Saved.
        </p>
      )}
      {lockedReason === null ? (
        <ReasonedButton
          type="submit"
          className="button button--primary"
          busy={saving}
          reason={changed ? null : 'No changes to save.'}
        >
          Save masking
        </ReasonedButton>
      ) : (
        <p className="disabled-reason">{lockedReason}</p>
      )}
    </form>
  );
}
