import { useMutation, useQuery } from '@apollo/client/react';
import { customerDeletionDue } from '@printbeat/domain';
import { useState } from 'react';
import {
  ArchiveCustomerDocument,
  CancelCustomerDeletionDocument,
  CustomerDeletionGraceDocument,
  RequestCustomerDeletionDocument,
  RestoreCustomerDocument,
} from '../../generated/graphql';
import { ReasonedButton } from '../../shared/disabled-reason';
import { formatDate, formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/states';

type Customer = {
  id: string;
  name: string;
  archivedAt?: string | null;
  deletionRequestedAt?: string | null;
};

type Confirming = 'archive' | 'delete' | null;

/**
 * A customer's archiving and deletion: its state for everyone, the actions for those who may
 * take them (`canChange`), each irreversible one behind a confirmation.
 */
export function CustomerDeletion({
  customer,
  canChange,
}: {
  customer: Customer;
  canChange: boolean;
}) {
  // Only those who may change retention may read it (central's guard).
  const grace = useQuery(CustomerDeletionGraceDocument, { skip: !canChange });
  const graceDays = grace.data?.retentionSettings.customerDeletionGraceDays ?? null;
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [archive, archiving] = useMutation(ArchiveCustomerDocument);
  const [requestDeletion, requesting] = useMutation(RequestCustomerDeletionDocument);
  const [cancelDeletion, cancelling] = useMutation(CancelCustomerDeletionDocument);
  const [restore, restoring] = useMutation(RestoreCustomerDocument);
  const steps = [archiving, requesting, cancelling, restoring];
  const busy = steps.some((step) => step.loading);
  const error = steps.find((step) => step.error)?.error ?? grace.error;
  const resetErrors = () => steps.forEach((step) => step.reset());
  const run = async (action: () => Promise<unknown>) => {
    resetErrors();
    await action().catch(() => null);
    setConfirming(null);
  };
  const variables = { id: customer.id };

  return (
    <section className="card" aria-label="Archive and deletion">
      <p role="status">
        <CustomerState customer={customer} graceDays={graceDays} />
      </p>
      {error && <ErrorState error={error} />}
      {!canChange ? (
        <p className="disabled-reason">
          Only a dealer administrator can archive or delete a customer.
        </p>
      ) : customer.deletionRequestedAt ? (
        <ReasonedButton
          type="button"
          className="button"
          busy={busy}
          reason={null}
          onClick={() => void run(() => cancelDeletion({ variables }))}
        >
          Cancel deletion
        </ReasonedButton>
      ) : confirming === 'archive' ? (
        <Confirmation
          text={`Archive ${customer.name}? Its agents can no longer upload and no new agent can enrol until you restore it.`}
          confirm={`Archive ${customer.name}`}
          busy={busy}
          onConfirm={() => void run(() => archive({ variables }))}
          onCancel={() => setConfirming(null)}
        />
      ) : confirming === 'delete' && graceDays !== null ? (
        <Confirmation
          text={`Delete ${customer.name} and all its data (devices, readings, agents, users)? It is archived now, and its data is deleted after a grace period of ${graceDays} days, on ${formatDate(customerDeletionDue(new Date(), graceDays).toISOString())}. You can cancel the deletion until then.`}
          confirm={`Delete after ${graceDays} days`}
          busy={busy}
          onConfirm={() => void run(() => requestDeletion({ variables }))}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <div className="button-row">
          {customer.archivedAt ? (
            <ReasonedButton
              type="button"
              className="button"
              busy={busy}
              reason={null}
              onClick={() => void run(() => restore({ variables }))}
            >
              Restore customer
            </ReasonedButton>
          ) : (
            <ReasonedButton
              type="button"
              className="button"
              busy={busy}
              reason={null}
              onClick={() => {
                resetErrors();
                setConfirming('archive');
              }}
            >
              Archive customer…
            </ReasonedButton>
          )}
          <ReasonedButton
            type="button"
            className="button button--danger"
            busy={busy}
            reason={
              graceDays !== null
                ? null
                : grace.error
                  ? 'The grace period could not be read from central.'
                  : 'Loading the grace period…'
            }
            onClick={() => {
              resetErrors();
              setConfirming('delete');
            }}
          >
            Request deletion…
          </ReasonedButton>
        </div>
      )}
    </section>
  );
}

function CustomerState({ customer, graceDays }: { customer: Customer; graceDays: number | null }) {
  if (customer.deletionRequestedAt) {
    const due =
      graceDays === null
        ? null
        : customerDeletionDue(new Date(customer.deletionRequestedAt), graceDays).toISOString();
    return (
      <>
        Deletion requested on {formatDateTime(customer.deletionRequestedAt)}
        {due ? `, data deleted after ${formatDateTime(due)}` : ''}.
      </>
    );
  }
  if (customer.archivedAt) return <>Archived on {formatDateTime(customer.archivedAt)}.</>;
  return <>Active: its agents upload and new agents can enrol.</>;
}

function Confirmation({
  text,
  confirm,
  busy,
  onConfirm,
  onCancel,
}: {
  text: string;
  confirm: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div role="group" aria-label="Confirm">
      <p>{text}</p>
      <div className="button-row">
        <ReasonedButton
          type="button"
          className="button button--danger"
          busy={busy}
          reason={null}
          onClick={onConfirm}
        >
          {confirm}
        </ReasonedButton>
        <button type="button" className="button" onClick={onCancel}>
          Keep as it is
        </button>
      </div>
    </div>
  );
}
