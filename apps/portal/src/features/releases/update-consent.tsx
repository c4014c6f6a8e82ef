import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  CustomerUpdateConsentDocument,
  SetAgentUpdateConsentDocument,
} from '../../generated/graphql';
import { ReasonedButton } from '../../shared/disabled-reason';
import { ErrorState, LoadingState } from '../../shared/states';

/** The customer's consent to agent updates: without it its agents are offered none. */
export function UpdateConsent({
  customerId,
  canChange,
}: {
  customerId: string;
  canChange: boolean;
}) {
  const consent = useQuery(CustomerUpdateConsentDocument, { variables: { id: customerId } });
  const saved = consent.data?.customer.agentUpdatesAllowed;
  if (consent.error)
    return <ErrorState error={consent.error} onRetry={() => void consent.refetch()} />;
  if (saved === undefined) return <LoadingState />;
  return <UpdateConsentForm customerId={customerId} saved={saved} canChange={canChange} />;
}

function UpdateConsentForm({
  customerId,
  saved,
  canChange,
}: {
  customerId: string;
  saved: boolean;
  canChange: boolean;
}) {
  const [allowed, setAllowed] = useState(saved);
  const [save, { loading, error, data }] = useMutation(SetAgentUpdateConsentDocument, {
    refetchQueries: [CustomerUpdateConsentDocument],
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save({ variables: { input: { customerId, allowed } } }).catch(() => null);
  };
  return (
    <form className="card" aria-label="Agent updates" onSubmit={(event) => void submit(event)}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={allowed}
          disabled={!canChange}
          onChange={(event) => setAllowed(event.target.checked)}
        />
        <span>
          This customer&apos;s agents install the releases the dealer targets{' '}
          <small>— signed releases only; an agent can still refuse updates in its local file</small>
        </span>
      </label>
      {error && <ErrorState error={error} />}
      {data && allowed === saved && (
        <p className="form-success" role="status">
          Saved.
        </p>
      )}
      {canChange ? (
        <ReasonedButton
          type="submit"
          className="button button--primary"
          busy={loading}
          reason={allowed === saved ? 'No changes to save.' : null}
        >
          Save agent updates
        </ReasonedButton>
      ) : (
        <p className="disabled-reason">Only an administrator can change agent updates.</p>
      )}
    </form>
  );
}
