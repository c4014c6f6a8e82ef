import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { MailDeliveryDocument, RequestPasswordResetDocument } from '../../generated/graphql';
import { ErrorState } from '../../shared/states';

/** "Forgot password": the same answer whether or not the address has an account. */
export function ForgotPasswordPage() {
  const mail = useQuery(MailDeliveryDocument);
  const [requestReset, { loading, error, reset }] = useMutation(RequestPasswordResetDocument);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const noMail = mail.data?.mailDelivery.configured === false;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await requestReset({ variables: { email: email.trim() } }).catch(() => null);
    if (result?.data) setSentTo(email.trim());
  };

  return (
    <main className="sign-in">
      <form
        className="card sign-in__card"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="forgot-title"
      >
        <h1 id="forgot-title">Reset your password</h1>
        {noMail ? (
          <p role="status">
            This Printbeat sends no e-mail, so it cannot send you a reset link. Ask your
            administrator to set a new password for you.
          </p>
        ) : sentTo ? (
          <p className="form-success" role="status">
            If {sentTo} belongs to a Printbeat account, a link to choose a new password is on its
            way. It works once, for 30 minutes.
          </p>
        ) : (
          <>
            <p>Enter the e-mail address you sign in with. We will send you a link.</p>
            <div className="field">
              <label htmlFor="forgot-email">Email</label>
              <input
                id="forgot-email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            {error && <ErrorState error={error} />}
            <button type="submit" className="button button--primary" disabled={loading}>
              Send me a link
            </button>
          </>
        )}
        <p>
          <Link to="/">Back to sign-in</Link>
        </p>
      </form>
    </main>
  );
}
