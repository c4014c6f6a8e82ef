import { useMutation, useQuery } from '@apollo/client/react';
import { RETENTION_LIMITS, type RetentionSettings as Settings } from '@printbeat/domain';
import { useState, type FormEvent } from 'react';
import {
  RetentionSettingsDocument,
  UpdateRetentionSettingsDocument,
} from '../../generated/graphql';
import { ReasonedButton } from '../../shared/disabled-reason';
import { ErrorState, LoadingState } from '../../shared/states';
import {
  amount,
  changedSettings,
  defaultAndRange,
  draftOf,
  RETENTION_FIELDS,
  saveBlockedReason,
  valueProblem,
  type RetentionDraft,
} from './retention-fields';

/** The dealer's retention periods; `canChange` false shows them read-only. */
export function RetentionSettings({ canChange }: { canChange: boolean }) {
  const settings = useQuery(RetentionSettingsDocument);
  const [update, updating] = useMutation(UpdateRetentionSettingsDocument);
  if (settings.error)
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const data = settings.data?.retentionSettings;
  if (!data) return <LoadingState label="Loading retention…" />;
  return (
    <RetentionEditor
      saved={data}
      canChange={canChange}
      saving={updating.loading}
      error={updating.error}
      onSave={async (changes) => {
        const result = await update({ variables: { input: changes } }).catch(() => null);
        if (result?.data) await settings.refetch();
        return Boolean(result?.data);
      }}
    />
  );
}

type EditorProps = {
  saved: Settings;
  canChange: boolean;
  saving: boolean;
  error?: Error;
  onSave: (changes: Partial<Settings>) => Promise<boolean>;
};

function RetentionEditor({ saved, canChange, saving, error, onSave }: EditorProps) {
  const [draft, setDraft] = useState<RetentionDraft>(() => draftOf(saved));
  const [savedOnce, setSavedOnce] = useState(false);
  const changes = changedSettings(saved, draft);
  const blocked = saveBlockedReason(saved, draft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked !== null) return;
    setSavedOnce(await onSave(changes));
  };

  return (
    <form
      className="card form-grid form-grid--aligned"
      aria-label="Data retention"
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      {RETENTION_FIELDS.map(({ setting, label, unit, hint }) => {
        const id = `retention-${setting}`;
        // A value the user has not touched is never marked, whatever it is.
        const problem =
          draft[setting] === String(saved[setting]) ? null : valueProblem(setting, draft[setting]);
        return (
          <div className="field" key={setting}>
            <label htmlFor={id}>
              {label} ({unit})
            </label>
            {canChange ? (
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={RETENTION_LIMITS[setting].min}
                max={RETENTION_LIMITS[setting].max}
                step={1}
                aria-invalid={problem ? true : undefined}
                aria-describedby={`${id}-hint`}
                value={draft[setting]}
                onChange={(event) => {
                  setSavedOnce(false);
                  setDraft({ ...draft, [setting]: event.target.value });
                }}
              />
            ) : (
              <output id={id} aria-describedby={`${id}-hint`}>
                {amount(saved[setting], unit)}
              </output>
            )}
            <small id={`${id}-hint`}>{problem ?? `${hint} ${defaultAndRange(setting)}`}</small>
          </div>
        );
      })}
      <p className="muted small form-grid__wide">
        A nightly job deletes what is older. Shorter periods take effect at its next run; deleted
        data cannot be restored.
      </p>
      {error && <ErrorState error={error} />}
      {savedOnce && Object.keys(changes).length === 0 && (
        <p className="form-success" role="status">
          Saved.
        </p>
      )}
      <div className="form-grid__wide">
        {canChange ? (
          <ReasonedButton
            type="submit"
            className="button button--primary"
            busy={saving}
            reason={blocked}
          >
            Save retention
          </ReasonedButton>
        ) : (
          <p className="disabled-reason">Only a dealer administrator can change retention.</p>
        )}
      </div>
    </form>
  );
}
