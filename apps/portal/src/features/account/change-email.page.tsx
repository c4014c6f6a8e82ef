import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { MailDeliveryDocument, RequestEmailChangeDocument } from '../../generated/graphql';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';

/** The signed-in user's own address: it changes once the new address confirms by its link. */
export function ChangeEmailPage() {
  const me = useCurrentUser();
  const mail = useQuery(MailDeliveryDocument);
  const [requestChange, { loading, error, reset }] = useMutation(RequestEmailChangeDocument);
  const [form, setForm] = useState({ newEmail: '', currentPassword: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    setSentTo(null);
    const newEmail = form.newEmail.trim();
    const result = await requestChange({
      variables: { input: { newEmail, currentPassword: form.currentPassword } },
    }).catch(() => null);
    if (result?.data) {
      setForm({ newEmail: '', currentPassword: '' });
      setSentTo(newEmail);
    }
  };

  return (
    <Page title="Change e-mail address">
      <p className="lead">You sign in with {me.email}.</p>
      {mail.data?.mailDelivery.configured === false ? (
        <p role="status">
          This Printbeat sends no e-mail, so a new address cannot be confirmed. Ask your
          administrator.
        </p>
      ) : (
        <form
          className="card form-grid"
          onSubmit={(event) => void submit(event)}
          aria-label="Change e-mail address"
        >
          <div className="field">
            <label htmlFor="email-new">New e-mail address</label>
            <input
              id="email-new"
              type="email"
              autoComplete="email"
              required
              value={form.newEmail}
              onChange={(e) => setForm({ ...form, newEmail: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="email-password">Current password</label>
            <input
              id="email-password"
              type="password"
              autoComplete="current-password"
              required
              value={form.currentPassword}
              onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
            />
          </div>
          {error && <ErrorState error={error} />}
          {sentTo && !error && (
            <p className="form-success form-grid__wide" role="status">
              We sent a link to {sentTo}. Your address changes when you open it there (within 24
              hours); until then you keep signing in with {me.email}.
            </p>
          )}
          <div className="form-grid__wide">
            <button type="submit" className="button button--primary" disabled={loading}>
              Send confirmation link
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
