import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '../../app/navigation';
import {
  DismissDeviceReviewDocument,
  MergeCandidatesDocument,
  MergeDevicesDocument,
} from '../../generated/graphql';
import { ErrorState, LoadingState } from '../../shared/states';
import { deviceName } from './device-display';
import {
  candidateLabel,
  canReviewDevices,
  mergeCandidates,
  mergeConsequences,
  reviewReasonText,
  seenLater,
  type MergeCandidate,
} from './device-review';

export type ReviewedDevice = {
  id: string;
  customerId: string;
  hostname: string | null;
  ipAddress: string | null;
  model: string | null;
  serialNumber: string | null;
  lastSeenAt: string;
  needsReview: boolean;
  reviewReason: string | null;
};

/** For a device flagged for review: why, and the two ways out (dismiss, or merge into another device). */
export function DeviceReview({ device, role }: { device: ReviewedDevice; role: Role }) {
  const [merging, setMerging] = useState(false);
  const [dismiss, dismissing] = useMutation(DismissDeviceReviewDocument);
  if (!device.needsReview) return null;
  const allowed = canReviewDevices(role);

  const confirmDismiss = async () => {
    if (
      !window.confirm(
        'Dismiss the review? Both devices stay as they are, as two printers with their own history.',
      )
    )
      return;
    await dismiss({ variables: { id: device.id } }).catch(() => null);
  };

  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      <p>{reviewReasonText(device.reviewReason)}</p>
      {!allowed ? (
        <p className="muted">Your dealer reviews this device.</p>
      ) : (
        <>
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={dismissing.loading}
              onClick={() => void confirmDismiss()}
            >
              Dismiss
            </button>
            <button
              type="button"
              className="button button--primary"
              aria-expanded={merging}
              onClick={() => setMerging((open) => !open)}
            >
              Merge into…
            </button>
          </div>
          {dismissing.error && <ErrorState error={dismissing.error} />}
          {merging && <MergePicker device={device} onCancel={() => setMerging(false)} />}
        </>
      )}
    </section>
  );
}

function MergePicker({ device, onCancel }: { device: ReviewedDevice; onCancel: () => void }) {
  const navigate = useNavigate();
  const [text, setText] = useState(device.serialNumber ?? '');
  const [search, setSearch] = useState(device.serialNumber ?? '');
  const [target, setTarget] = useState<MergeCandidate | null>(null);
  const candidates = useQuery(MergeCandidatesDocument, {
    variables: { customerId: device.customerId, search: search.trim() || null },
    fetchPolicy: 'network-only',
  });
  const [merge, merged] = useMutation(MergeDevicesDocument);
  const found = mergeCandidates(candidates.data, device.id);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setTarget(null);
    setSearch(text);
  };
  const confirmMerge = async () => {
    if (!target) return;
    const result = await merge({
      variables: { input: { keepId: target.id, mergeId: device.id } },
      // Both devices' cached histories and every cached fleet list are out of date now.
      update: (cache) => {
        cache.evict({ id: cache.identify({ __typename: 'Device', id: device.id }) });
        cache.evict({ id: cache.identify({ __typename: 'Device', id: target.id }) });
        cache.evict({ id: 'ROOT_QUERY', fieldName: 'devices' });
        cache.gc();
      },
    }).catch(() => null);
    if (result?.data) void navigate(`/devices/${result.data.mergeDevices.id}`);
  };

  const current = deviceName(device);
  return (
    <div>
      <form
        className="toolbar"
        role="search"
        aria-label="Find the device to keep"
        onSubmit={submitSearch}
      >
        <label htmlFor="merge-search">Device to keep (serial, IP, MAC, host name)</label>
        <input id="merge-search" value={text} onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {candidates.error ? (
        <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
      ) : !candidates.data ? (
        <LoadingState />
      ) : found.length === 0 ? (
        <p className="muted">No other device of this customer matches.</p>
      ) : (
        <fieldset>
          <legend>Merge {current} into</legend>
          <div className="checkbox-list checkbox-list--stacked">
            {found.map((candidate) => (
              <label key={candidate.id} className="checkbox">
                <input
                  type="radio"
                  name="merge-target"
                  value={candidate.id}
                  checked={target?.id === candidate.id}
                  onChange={() => setTarget(candidate)}
                />
                <span>
                  {candidateLabel(candidate)}
                  {candidate.needsReview && <small> — also flagged for review</small>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {target && (
        <div className="card" role="group" aria-label="Confirm the merge">
          <p>
            <strong>
              Merge {current} into {deviceName(target)}?
            </strong>
          </p>
          <ul>
            {mergeConsequences(
              current,
              deviceName(target),
              seenLater(device.lastSeenAt, target.lastSeenAt),
            ).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="button-row">
            <button
              type="button"
              className="button button--danger"
              disabled={merged.loading}
              onClick={() => void confirmMerge()}
            >
              Merge
            </button>
            <button type="button" className="button button--quiet" onClick={onCancel}>
              Cancel
            </button>
          </div>
          {merged.error && <ErrorState error={merged.error} />}
        </div>
      )}
    </div>
  );
}
