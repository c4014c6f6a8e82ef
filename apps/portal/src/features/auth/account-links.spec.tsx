import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../app/auth/auth-provider';
import { AuthSession } from '../../app/auth/auth-session';
import { routes } from '../../app/router';

type Call = { operation: string; variables: Record<string, unknown> };

const INVALID_LINK = {
  data: null,
  errors: [
    {
      message: 'This link is not valid: it was used, replaced by a newer one or has expired',
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_LINK' },
    },
  ],
};

/** Central as the public pages see it: answers by operation name, recording each call. */
function renderAt(
  path: string,
  answers: Record<string, (variables: Record<string, unknown>) => unknown>,
  mailConfigured = true,
) {
  const calls: Call[] = [];
  const link = new ApolloLink((operation) => {
    const name = operation.operationName ?? '';
    calls.push({ operation: name, variables: operation.variables });
    if (name === 'MailDelivery')
      return of({
        data: { mailDelivery: { __typename: 'MailDelivery', configured: mailConfigured } },
      });
    const answer = answers[name];
    return of(
      (answer?.(operation.variables) ?? {
        data: null,
        errors: [{ message: `not faked: ${name}` }],
      }) as ApolloLink.Result,
    );
  });
  const storage = new Map<string, string>();
  const session = new AuthSession(
    {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
    vi.fn(),
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <ApolloProvider client={client}>
      <AuthProvider session={session}>
        <RouterProvider router={router} />
      </AuthProvider>
    </ApolloProvider>,
  );
  const sent = (operation: string) => calls.filter((call) => call.operation === operation);
  return { router, sent };
}

function typePasswords(next: string, confirm = next) {
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Repeat the new password'), {
    target: { value: confirm },
  });
}

describe('forgot password', () => {
  it('is reached from the sign-in form and answers the same for any address', async () => {
    const { router, sent } = renderAt('/', {
      RequestPasswordReset: () => ({ data: { requestPasswordReset: true } }),
    });
    fireEvent.click(await screen.findByRole('link', { name: 'Forgot password?' }));
    expect(router.state.location.pathname).toBe('/forgot-password');
    fireEvent.change(await screen.findByLabelText('Email'), {
      target: { value: ' someone@acme.test ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'If someone@acme.test belongs to a Printbeat account, a link to choose a new password is on its way. It works once, for 30 minutes.',
    );
    expect(sent('RequestPasswordReset').map((call) => call.variables)).toEqual([
      { email: 'someone@acme.test' },
    ]);
  });

  it('says plainly that no link can come where central sends no e-mail', async () => {
    renderAt('/forgot-password', {}, false);
    expect((await screen.findByRole('status')).textContent).toContain(
      'Ask your administrator to set a new password for you.',
    );
    expect(screen.queryByLabelText('Email')).toBeNull();
  });

  it('shows the refusal when too many requests were made', async () => {
    renderAt('/forgot-password', {
      RequestPasswordReset: () => ({
        data: null,
        errors: [
          {
            message: 'Too many password reset requests; try again in 3600 s',
            extensions: { code: 'TOO_MANY_REQUESTS' },
          },
        ],
      }),
    });
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'a@b.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByText(/Too many password reset requests/)).toBeTruthy();
    expect(screen.queryByText(/is on its way/)).toBeNull();
  });
});

describe('reset password page', () => {
  it('sends the token from the link with the new password, after checking the form', async () => {
    const { sent } = renderAt('/reset-password#token=pbl_the-token', {
      ResetPassword: () => ({ data: { resetPassword: true } }),
    });
    await screen.findByRole('heading', { name: 'Choose a new password' });
    typePasswords('too short');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('Use at least 12 characters.')).toBeTruthy();
    typePasswords('a long new password', 'a different one!');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('The two new passwords differ.')).toBeTruthy();
    expect(sent('ResetPassword')).toEqual([]);

    typePasswords('a long new password');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'every session of your account is signed out',
    );
    expect(sent('ResetPassword').map((call) => call.variables)).toEqual([
      { token: 'pbl_the-token', newPassword: 'a long new password' },
    ]);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/');
  });

  it('explains a used or expired link and offers a new one', async () => {
    renderAt('/reset-password#token=pbl_used', { ResetPassword: () => INVALID_LINK });
    await screen.findByRole('heading', { name: 'Choose a new password' });
    typePasswords('a long new password');
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/This link is not valid/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it('says so when the link lost its token', async () => {
    renderAt('/reset-password', {});
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This link is incomplete. Open it from the e-mail again.',
    );
    expect(screen.queryByLabelText('New password')).toBeNull();
  });
});

describe('invitation page', () => {
  it('lets an invited user choose their password', async () => {
    const { sent } = renderAt('/invitation#token=pbl_invite', {
      AcceptInvitation: () => ({ data: { acceptInvitation: true } }),
    });
    await screen.findByRole('heading', { name: 'Welcome to Printbeat' });
    typePasswords('my very own password');
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));
    expect((await screen.findByRole('status')).textContent).toContain('Your password is set.');
    expect(sent('AcceptInvitation').map((call) => call.variables)).toEqual([
      { token: 'pbl_invite', newPassword: 'my very own password' },
    ]);
  });
});

describe('e-mail confirmation page', () => {
  it('confirms only on a click, with the token of the link', async () => {
    const { sent } = renderAt('/confirm-email#token=pbl_confirm', {
      ConfirmEmailChange: () => ({ data: { confirmEmailChange: true } }),
    });
    const button = await screen.findByRole('button', { name: 'Confirm this address' });
    expect(sent('ConfirmEmailChange')).toEqual([]);
    fireEvent.click(button);
    expect((await screen.findByRole('status')).textContent).toContain(
      'Your e-mail address is changed.',
    );
    expect(sent('ConfirmEmailChange').map((call) => call.variables)).toEqual([
      { token: 'pbl_confirm' },
    ]);
  });

  it('shows central’s refusal of a used link', async () => {
    renderAt('/confirm-email#token=pbl_used', { ConfirmEmailChange: () => INVALID_LINK });
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm this address' }));
    expect(await screen.findByText(/This link is not valid/)).toBeTruthy();
  });
});
