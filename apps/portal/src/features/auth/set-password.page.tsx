import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { AcceptInvitationDocument, ResetPasswordDocument } from '../../generated/graphql';
import { ErrorState } from '../../shared/states';
import { MIN_PASSWORD_LENGTH, passwordFormProblems } from '../account/password-form';
import { isInvalidLink, linkTokenFrom } from './link-token';

type Purpose = 'reset' | 'invitation';

const WORDING: Record<Purpose, { title: string; button: string; done: string }> = {
  reset: {
    title: 'Choose a new password',
    button: 'Set new password',
    done: 'Your password is changed, and every session of your account is signed out.',
  },
  invitation: {
    title: 'Welcome to Printbeat',
    button: 'Set my password',
    done: 'Your password is set.',
  },
};

export function ResetPasswordPage() {
  return <SetPasswordPage purpose="reset" />;
}

export function AcceptInvitationPage() {
  return <SetPasswordPage purpose="invitation" />;
}

/** Opened from an e-mailed link: the token is in the URL's fragment. */
function SetPasswordPage({ purpose }: { purpose: Purpose }) {
  const token = linkTokenFrom(useLocation().hash);
  const [resetPassword, resetState] = useMutation(ResetPasswordDocument);
  const [acceptInvitation, acceptState] = useMutation(AcceptInvitationDocument);
  const { loading, error } = purpose === 'reset' ? resetState : acceptState;
  const [form, setForm] = useState({ next: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const [done, setDone] = useState(false);
  const wording = WORDING[purpose];
  // The same rules as a change of one's own password, without a current one.
  const problems = submitted ? passwordFormProblems({ current: '-', ...form }) : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!token || Object.keys(passwordFormProblems({ current: '-', ...form })).length > 0) return;
    const variables = { token, newPassword: form.next };
    const result = await (
      purpose === 'reset' ? resetPassword({ variables }) : acceptInvitation({ variables })
    ).catch(() => null);
    if (result?.data) setDone(true);
  };

  return (
    <main className="sign-in">
      <form
        className="card sign-in__card"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-labelledby="set-password-title"
      >
        <h1 id="set-password-title">{wording.title}</h1>
        {!token ? (
          <p role="alert">This link is incomplete. Open it from the e-mail again.</p>
        ) : done ? (
          <p className="form-success" role="status">
            {wording.done} <Link to="/">Sign in</Link> with your new password.
          </p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="set-password-next">New password</label>
              <input
                id="set-password-next"
                type="password"
                autoComplete="new-password"
                required
                aria-invalid={problems.next ? true : undefined}
                aria-describedby="set-password-next-hint"
                value={form.next}
                onChange={(e) => setForm({ ...form, next: e.target.value })}
              />
              <small id="set-password-next-hint">
                {problems.next ?? `At least ${MIN_PASSWORD_LENGTH} characters.`}
              </small>
            </div>
            <div className="field">
              <label htmlFor="set-password-confirm">Repeat the new password</label>
              <input
                id="set-password-confirm"
                type="password"
                autoComplete="new-password"
                required
                aria-invalid={problems.confirm ? true : undefined}
                aria-describedby="set-password-confirm-hint"
                value={form.confirm}
                onChange={(e) => setForm({ ...form, confirm: e.target.value })}
              />
              {problems.confirm && <small id="set-password-confirm-hint">{problems.confirm}</small>}
            </div>
            {error && <ErrorState error={error} />}
            {error && isInvalidLink(error) && purpose === 'reset' && (
              <p>
                <Link to="/forgot-password">Request a new link</Link>
              </p>
            )}
            <button type="submit" className="button button--primary" disabled={loading}>
              {wording.button}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
