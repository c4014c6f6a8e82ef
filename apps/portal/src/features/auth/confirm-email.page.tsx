import { useMutation } from '@apollo/client/react';
import { Link, useLocation } from 'react-router';
import { ConfirmEmailChangeDocument } from '../../generated/graphql';
import { ErrorState } from '../../shared/states';
import { linkTokenFrom } from './link-token';

/**
 * Opened from the link sent to a new address. Confirming takes a click, so a mail scanner
 * that opens links does not confirm on the person's behalf.
 */
export function ConfirmEmailPage() {
  const token = linkTokenFrom(useLocation().hash);
  const [confirm, { loading, error, data }] = useMutation(ConfirmEmailChangeDocument);

  return (
    <main className="sign-in">
      <section className="card sign-in__card" aria-labelledby="confirm-email-title">
        <h1 id="confirm-email-title">Confirm your new e-mail address</h1>
        {!token ? (
          <p role="alert">This link is incomplete. Open it from the e-mail again.</p>
        ) : data ? (
          <p className="form-success" role="status">
            Your e-mail address is changed. <Link to="/">Sign in</Link> with the new address.
          </p>
        ) : (
          <>
            <p>From now on you sign in and receive Printbeat e-mail at this address.</p>
            {error && <ErrorState error={error} />}
            <button
              type="button"
              className="button button--primary"
              disabled={loading}
              onClick={() => void confirm({ variables: { token } }).catch(() => null)}
            >
              Confirm this address
            </button>
          </>
        )}
      </section>
    </main>
  );
}
