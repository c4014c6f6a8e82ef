import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { can } from '../../app/navigation';
import {
  MeterReadReviewsDocument,
  MeterReadsAwaitingReviewDocument,
  ReviewMeterReadDocument,
  type MeterReadReviewFieldsFragment,
  type MeterReadReviewDecision,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { ReasonedButton } from '../../shared/disabled-reason';
import { formatCount, formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { sourceLabel } from '../devices/counter-review';
import { counterLabel } from '../devices/device-display';
import { DeviceLink } from '../devices/device-name';

type Review = MeterReadReviewFieldsFragment;

const DECISIONS: ReadonlyArray<{ value: MeterReadReviewDecision; label: string }> = [
  { value: 'APPROVE', label: 'Approve: bill the read as it is' },
  { value: 'CORRECT', label: 'Correct: bill another value' },
  { value: 'EXCLUDE', label: 'Exclude: bill the reads around it' },
];

/**
 * Flagged meter reads: those waiting for review (billing area, `customerId`) or every review
 * of one device with its state (`deviceId`). Billing staff approve, correct or exclude a read.
 */
export function ReadReviews({
  customerId = null,
  deviceId = null,
}: {
  customerId?: string | null;
  deviceId?: string | null;
}) {
  const user = useCurrentUser();
  const pagination = useCursorPagination(20, `${customerId ?? ''}|${deviceId ?? ''}`);
  const awaiting = useQuery(MeterReadsAwaitingReviewDocument, {
    variables: { customerId, ...pagination.variables },
    skip: deviceId !== null,
  });
  const ofDevice = useQuery(MeterReadReviewsDocument, {
    variables: { deviceId, ...pagination.variables },
    skip: deviceId === null,
  });
  const list = deviceId === null ? awaiting : ofDevice;
  const connection =
    deviceId === null ? awaiting.data?.meterReadsAwaitingReview : ofDevice.data?.meterReadReviews;
  const [selected, setSelected] = useState<Review | null>(null);
  const canReview = can(user.role, 'reviewMeters');

  return (
    <>
      <DataTable
        caption={deviceId ? 'Read reviews' : 'Reads awaiting review'}
        rows={nodesOf(connection)}
        rowKey={(row) => row.id}
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyTitle={deviceId ? 'No flagged reads' : 'No reads waiting for review'}
        emptyBody={
          deviceId
            ? undefined
            : 'Reads whose counter went down, whose two counter sources disagree, or that a person estimated appear here before billing.'
        }
        pagination={pagination}
        pageInfo={connection?.pageInfo}
        columns={[
          ...(deviceId
            ? []
            : [
                {
                  key: 'device',
                  header: 'Device',
                  render: (row: Review) => <DeviceLink id={row.deviceId} />,
                },
              ]),
          {
            key: 'read',
            header: 'Read',
            render: (row) => (
              <>
                {counterLabel(row.counter)}
                <div className="muted small">{formatDateTime(row.readAt)}</div>
              </>
            ),
          },
          {
            key: 'value',
            header: 'Value',
            numeric: true,
            render: (row) => formatCount(row.originalValue),
          },
          { key: 'why', header: 'Why flagged', render: (row) => whyFlagged(row) },
          { key: 'state', header: 'State', render: (row) => <ReviewState review={row} /> },
          ...(canReview
            ? [
                {
                  key: 'review',
                  header: 'Review',
                  render: (row: Review) =>
                    row.status === 'PENDING' ||
                    (row.reason !== 'DISCONTINUITY' && deviceId !== null) ? (
                      <button
                        type="button"
                        className="button"
                        onClick={() => setSelected(row)}
                        aria-label={`Review the ${counterLabel(row.counter)} read of ${formatDateTime(row.readAt)}`}
                      >
                        Review
                      </button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {selected && (
        <ReviewForm
          key={selected.id}
          review={selected}
          onDone={() => {
            setSelected(null);
            void list.refetch();
          }}
        />
      )}
    </>
  );
}

function whyFlagged(row: Review): string {
  switch (row.reason) {
    case 'DISCONTINUITY':
      return `Counter went down from ${formatCount(row.previousValue)}`;
    case 'SOURCE_DISAGREEMENT':
      return `${sourceLabel(row.alternativeSource)} says ${formatCount(row.alternativeValue)}`;
    case 'ESTIMATED':
      return row.estimateReason
        ? `Estimated by a person: ${row.estimateReason}`
        : 'Estimated by a person';
  }
}

function ReviewState({ review }: { review: Review }) {
  const label = (() => {
    switch (review.status) {
      case 'PENDING':
        return 'Awaiting review';
      case 'APPROVED':
        return 'Approved';
      case 'CORRECTED':
        return `Corrected to ${formatCount(review.correctedValue)}`;
      case 'EXCLUDED':
        return 'Excluded';
    }
  })();
  return (
    <>
      <span className={review.status === 'PENDING' ? 'badge badge--danger' : 'badge'}>{label}</span>
      {review.decisionReason && <div className="muted small">{review.decisionReason}</div>}
    </>
  );
}

function ReviewForm({ review, onDone }: { review: Review; onDone: () => void }) {
  const id = useId();
  const [decision, setDecision] = useState<MeterReadReviewDecision>('APPROVE');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  // The usage on the same page changes with the decision.
  const [save, saving] = useMutation(ReviewMeterReadDocument, { refetchQueries: ['Usage'] });

  const blocked =
    decision === 'CORRECT' && value.trim() === ''
      ? 'Enter the corrected value.'
      : decision !== 'APPROVE' && reason.trim() === ''
        ? `Give a reason to ${decision === 'CORRECT' ? 'correct' : 'exclude'} the read.`
        : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    const result = await save({
      variables: {
        id: review.id,
        input: {
          decision,
          correctedValue: decision === 'CORRECT' ? Number(value) : null,
          reason: reason.trim() === '' ? null : reason.trim(),
        },
      },
    }).catch(() => null);
    if (result?.data) onDone();
  };

  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>
        Review the {counterLabel(review.counter)} read of {formatDateTime(review.readAt)}
      </h3>
      <p>
        The read says {formatCount(review.originalValue)}. {whyFlagged(review)}.
      </p>
      <fieldset className="field">
        <legend>Decision</legend>
        {DECISIONS.map((option) => (
          <label key={option.value} className="radio">
            <input
              type="radio"
              name={`${id}-decision`}
              value={option.value}
              checked={decision === option.value}
              onChange={() => setDecision(option.value)}
            />{' '}
            {option.label}
          </label>
        ))}
      </fieldset>
      {decision === 'CORRECT' && (
        <div className="field">
          <label htmlFor={`${id}-value`}>Corrected value</label>
          <input
            id={`${id}-value`}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason{decision === 'APPROVE' ? ' (optional)' : ''}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
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
          Save decision
        </ReasonedButton>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
