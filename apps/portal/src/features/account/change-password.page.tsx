import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ChangeMyPasswordDocument } from '../../generated/graphql';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';
import {
  MIN_PASSWORD_LENGTH,
  passwordFormProblems,
  type PasswordForm,
  type PasswordFormField,
} from './password-form';

const EMPTY: PasswordForm = { current: '', next: '', confirm: '' };

/** The signed-in user's own password. Other sessions end; this one stays signed in. */
export function ChangePasswordPage() {
  const [changePassword, { loading, error, reset }] = useMutation(ChangeMyPasswordDocument);
  const [form, setForm] = useState(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [changed, setChanged] = useState(false);
  const problems = submitted ? passwordFormProblems(form) : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    setChanged(false);
    setSubmitted(true);
    if (Object.keys(passwordFormProblems(form)).length > 0) return;
    const result = await changePassword({
      variables: { input: { currentPassword: form.current, newPassword: form.next } },
    }).catch(() => null);
    if (result?.data) {
      setForm(EMPTY);
      setSubmitted(false);
      setChanged(true);
    }
  };

  const field = (name: PasswordFormField, label: string, autoComplete: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`password-${name}`}>{label}</label>
      <input
        id={`password-${name}`}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={problems[name] ? true : undefined}
        aria-describedby={`password-${name}-hint`}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
      {(problems[name] ?? hint) && (
        <small id={`password-${name}-hint`}>{problems[name] ?? hint}</small>
      )}
    </div>
  );

  return (
    <Page title="Change password">
      <form
        className="card form-grid"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Change password"
      >
        {field('current', 'Current password', 'current-password')}
        {field(
          'next',
          'New password',
          'new-password',
          `At least ${MIN_PASSWORD_LENGTH} characters.`,
        )}
        {field('confirm', 'Repeat the new password', 'new-password')}
        {error && <ErrorState error={error} />}
        {changed && !error && (
          <p className="form-success" role="status">
            Your password is changed. Your other sessions are signed out.
          </p>
        )}
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary" disabled={loading}>
            Change password
          </button>
        </div>
      </form>
    </Page>
  );
}
