import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { createAuthLink } from '../../app/auth/auth-link';
import { AuthProvider } from '../../app/auth/auth-provider';
import { AuthSession, REFRESH_TOKEN_STORAGE_KEY } from '../../app/auth/auth-session';
import { routes } from '../../app/router';

const dana = {
  __typename: 'User',
  id: 'user-1',
  email: 'dana@dealer.test',
  name: 'Dana Dealer',
  role: 'DEALER_ADMIN',
  tenantId: 'tenant-1',
  customerId: null,
};

/** A signed-in session (restored from its refresh token) on /account/email. */
function renderSignedIn(answer: (variables: Record<string, unknown>) => unknown, mail = true) {
  const requests: Record<string, unknown>[] = [];
  const link = new ApolloLink((operation) => {
    switch (operation.operationName) {
      case 'CurrentUser':
        return of({ data: { me: dana } });
      case 'MailDelivery':
        return of({ data: { mailDelivery: { __typename: 'MailDelivery', configured: mail } } });
      case 'RequestEmailChange':
        requests.push(operation.variables['input'] as Record<string, unknown>);
        return of(answer(operation.variables) as ApolloLink.Result);
      case undefined:
      default:
        return of({ data: null, errors: [{ message: `not faked: ${operation.operationName}` }] });
    }
  });
  const values = new Map([[REFRESH_TOKEN_STORAGE_KEY, 'refresh-1']]);
  const session = new AuthSession(
    {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
      removeItem: (key) => void values.delete(key),
    },
    vi.fn().mockResolvedValue({ accessToken: 'access-1', refreshToken: 'refresh-2' }),
  );
  const client = new ApolloClient({
    link: ApolloLink.from([createAuthLink(session), link]),
    cache: new InMemoryCache(),
  });
  render(
    <ApolloProvider client={client}>
      <AuthProvider session={session}>
        <RouterProvider
          router={createMemoryRouter(routes, { initialEntries: ['/account/email'] })}
        />
      </AuthProvider>
    </ApolloProvider>,
  );
  return { requests };
}

async function ask(newEmail: string, currentPassword: string) {
  fireEvent.change(await screen.findByLabelText('New e-mail address'), {
    target: { value: newEmail },
  });
  fireEvent.change(screen.getByLabelText('Current password'), {
    target: { value: currentPassword },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Send confirmation link' }));
}

describe('change e-mail page', () => {
  it('sends a confirmation link to the new address and says the old one stays until then', async () => {
    const { requests } = renderSignedIn(() => ({ data: { requestEmailChange: true } }));
    expect(await screen.findByText('You sign in with dana@dealer.test.')).toBeTruthy();
    await ask(' dana@new.test ', 'my password 123');
    expect((await screen.findByText(/We sent a link/)).textContent).toBe(
      'We sent a link to dana@new.test. Your address changes when you open it there (within 24 hours); until then you keep signing in with dana@dealer.test.',
    );
    expect(requests).toEqual([{ newEmail: 'dana@new.test', currentPassword: 'my password 123' }]);
  });

  it('shows a wrong current password', async () => {
    renderSignedIn(() => ({
      data: null,
      errors: [
        {
          message: 'The current password is wrong',
          extensions: { code: 'BAD_USER_INPUT', reason: 'WRONG_CURRENT_PASSWORD' },
        },
      ],
    }));
    await ask('dana@new.test', 'wrong');
    expect(await screen.findByText('The current password is wrong')).toBeTruthy();
    expect(screen.queryByText(/We sent a link/)).toBeNull();
  });

  it('offers no form where central sends no e-mail', async () => {
    renderSignedIn(() => null, false);
    expect(await screen.findByText(/a new address cannot be confirmed/)).toBeTruthy();
    expect(screen.queryByLabelText('New e-mail address')).toBeNull();
  });
});
