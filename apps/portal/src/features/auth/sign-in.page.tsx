import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth/auth-provider';
import { describeError, fieldProblems } from '../../shared/states';

export function SignInPage() {
  const { signIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Only asked for when one email belongs to users of several dealers (central says so).
  const [tenantSlug, setTenantSlug] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password, tenantSlug?.trim());
    } catch (caught) {
      if (fieldProblems(caught).some((problem) => problem.field === 'tenantSlug')) {
        setTenantSlug((current) => current ?? '');
      }
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form
        className="card sign-in__card"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="sign-in-title"
      >
        <h1 id="sign-in-title">Sign in to Printbeat</h1>
        <div className="field">
          <label htmlFor="sign-in-email">Email</label>
          <input
            id="sign-in-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {tenantSlug !== null && (
          <div className="field">
            <label htmlFor="sign-in-dealer">Dealer ID</label>
            <input
              id="sign-in-dealer"
              required
              aria-describedby="sign-in-dealer-hint"
              value={tenantSlug}
              onChange={(event) => setTenantSlug(event.target.value)}
            />
            <small id="sign-in-dealer-hint">
              This email belongs to several dealers: enter the ID of the one to sign in to.
            </small>
          </div>
        )}
        {error !== null && (
          <p className="form-error" role="alert">
            {signInErrorText(error)}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
      </form>
    </main>
  );
}

function signInErrorText(error: unknown): string {
  if (fieldProblems(error).some((problem) => problem.field === 'tenantSlug')) {
    return 'Which dealer? Enter the dealer ID and sign in again.';
  }
  const text = describeError(error);
  // Central answers wrong credentials with UNAUTHENTICATED; "session ended" would mislead here.
  return text.startsWith('Your session has ended') ? 'Wrong email or password.' : text;
}
