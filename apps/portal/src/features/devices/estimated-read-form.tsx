import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { RecordEstimatedMeterReadDocument } from '../../generated/graphql';
import { ReasonedButton } from '../../shared/disabled-reason';
import { formatCount, formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/states';
import { counterEntries, counterLabel } from './device-display';

export type EstimatedReadDevice = {
  id: string;
  retiredAt: string | null;
  mergedIntoId: string | null;
  latestMeterRead: { readAt: string; counters: unknown } | null;
};

type Draft = { readAt: string; values: Readonly<Record<string, string>>; reason: string };

const REASON_MAX_LENGTH = 1000;

/** Why the form cannot be opened for this device; null when it can. */
export function estimateUnavailableReason(device: EstimatedReadDevice): string | null {
  if (device.mergedIntoId) return 'This device was merged into another; enter the estimate there.';
  if (device.retiredAt) return 'A retired device bills no further reads.';
  if (!device.latestMeterRead)
    return 'The device has no meter read yet, so it has no counters to estimate.';
  return null;
}

/** A counter value as typed: null when empty, NaN when not a whole number of pages. */
function typedValue(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Why the estimate cannot be saved yet (the first thing missing); null when it can. */
export function estimateBlockedReason(draft: Draft, now: Date): string | null {
  if (draft.readAt === '') return 'Enter when the counters were read.';
  const readAt = new Date(draft.readAt);
  if (Number.isNaN(readAt.getTime())) return 'Enter a valid read time.';
  if (readAt.getTime() > now.getTime())
    return 'The read time is in the future; an estimate is for a time that has passed.';
  const typed = Object.entries(draft.values).flatMap(([name, text]) => {
    const value = typedValue(text);
    return value === null ? [] : [{ name, value }];
  });
  if (typed.length === 0) return 'Enter at least one counter.';
  const bad = typed.find((counter) => !Number.isSafeInteger(counter.value));
  if (bad) return `${counterLabel(bad.name)}: enter a whole number of pages.`;
  if (draft.reason.trim() === '')
    return 'Give a reason, for example “the customer read the counter off the panel”.';
  return null;
}

/**
 * Billing staff enter a meter read for a device that did not report one (the customer read
 * the counters off the panel, or their own estimate). It waits under Read reviews, flagged
 * as estimated; billing uses it once it is approved or corrected.
 */
export function EstimatedReadForm({
  device,
  now = () => new Date(),
}: {
  device: EstimatedReadDevice;
  now?: () => Date;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const [draft, setDraft] = useState<Draft>({ readAt: '', values: {}, reason: '' });
  const [save, saving] = useMutation(RecordEstimatedMeterReadDocument, {
    refetchQueries: ['MeterReadReviews', 'Device'],
  });
  const unavailable = estimateUnavailableReason(device);
  const counters = counterEntries(device.latestMeterRead?.counters ?? null);
  const blocked = estimateBlockedReason(draft, now());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    const result = await save({
      variables: {
        input: {
          deviceId: device.id,
          readAt: new Date(draft.readAt).toISOString(),
          counters: Object.entries(draft.values).flatMap(([name, text]) => {
            const value = typedValue(text);
            return value === null ? [] : [{ name, value }];
          }),
          reason: draft.reason.trim(),
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setSaved(true);
      setOpen(false);
      setDraft({ readAt: '', values: {}, reason: '' });
    }
  };

  if (!open)
    return (
      <div className="button-row">
        <ReasonedButton
          type="button"
          className="button"
          reason={unavailable}
          aria-expanded={false}
          onClick={() => {
            setSaved(false);
            setOpen(true);
          }}
        >
          Enter an estimated read
        </ReasonedButton>
        {saved && (
          <p className="form-success" role="status">
            Estimate saved. It waits under Read reviews; billing uses it once it is approved or
            corrected.
          </p>
        )}
      </div>
    );

  return (
    <form
      className="card"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={`${id}-title`}>Enter an estimated read</h3>
      <p className="muted">
        For a device that did not report: counters the customer read off the panel, or your own
        estimate. It is marked as estimated and waits for review; until it is approved, billing uses
        the device’s last read. Leave a counter empty to leave it out.
      </p>
      <div className="field">
        <label htmlFor={`${id}-at`}>Read at</label>
        <input
          id={`${id}-at`}
          type="datetime-local"
          value={draft.readAt}
          onChange={(event) => setDraft({ ...draft, readAt: event.target.value })}
        />
      </div>
      {counters.map(([name, last]) => {
        const text = draft.values[name] ?? '';
        const value = typedValue(text);
        // Marked only once something was typed that is not a page count.
        const invalid = value !== null && !Number.isSafeInteger(value);
        return (
          <div className="field" key={name}>
            <label htmlFor={`${id}-${name}`}>{counterLabel(name)}</label>
            <input
              id={`${id}-${name}`}
              type="text"
              inputMode="numeric"
              aria-invalid={invalid ? true : undefined}
              aria-describedby={`${id}-${name}-hint`}
              value={text}
              onChange={(event) =>
                setDraft({ ...draft, values: { ...draft.values, [name]: event.target.value } })
              }
            />
            <small id={`${id}-${name}-hint`}>
              {invalid
                ? 'Enter a whole number of pages.'
                : `Last read ${formatCount(last)} on ${formatDateTime(device.latestMeterRead?.readAt)}`}
            </small>
          </div>
        );
      })}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={REASON_MAX_LENGTH}
          value={draft.reason}
          onChange={(event) => setDraft({ ...draft, reason: event.target.value })}
        />
      </div>
      {saving.error && <ErrorState error={saving.error} />}
      <div className="button-row">
        <ReasonedButton
          type="submit"
          className="button button--primary"
          reason={blocked}
          busy={saving.loading}
        >
          Save estimate
        </ReasonedButton>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
