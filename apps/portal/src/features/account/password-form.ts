/** Central's rule for every password (see its passwordSchema): checked here to answer early. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

export type PasswordForm = { current: string; next: string; confirm: string };
export type PasswordFormField = keyof PasswordForm;

/** What is wrong with the form, per field; empty when it may be sent. */
export function passwordFormProblems(
  form: PasswordForm,
): Partial<Record<PasswordFormField, string>> {
  const problems: Partial<Record<PasswordFormField, string>> = {};
  if (form.current === '') problems.current = 'Enter your current password.';
  if (form.next.length < MIN_PASSWORD_LENGTH)
    problems.next = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  else if (form.next.length > MAX_PASSWORD_LENGTH)
    problems.next = `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  else if (form.next === form.current)
    problems.next = 'Choose a password different from the current one.';
  if (form.confirm !== form.next) problems.confirm = 'The two new passwords differ.';
  return problems;
}
