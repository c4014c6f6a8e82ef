import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { CurrentUserFragment } from '../generated/graphql';
import { createAuthLink } from './auth/auth-link';
import { AuthProvider } from './auth/auth-provider';
import { AuthSession } from './auth/auth-session';
import { routes } from './router';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const customerAdmin: CurrentUserFragment = {
  __typename: 'User',
  id: 'user-1',
  email: 'ada@acme.test',
  name: 'Ada Acme',
  role: 'CUSTOMER_ADMIN',
  tenantId: 'tenant-1',
  customerId: 'customer-acme',
};

/** A stand-in for central that knows the sign-in and `me` operations only. */
function fakeCentral(user: CurrentUserFragment) {
  const operations: string[] = [];
  const link = new ApolloLink((operation) => {
    operations.push(operation.operationName ?? '');
    const headers = (operation.getContext()['headers'] ?? {}) as Record<string, string>;
    switch (operation.operationName) {
      case 'SignIn':
        if (
          operation.variables['email'] === 'shared@two-dealers.test' &&
          !operation.variables['tenantSlug']
        ) {
          return of({
            data: null,
            errors: [
              {
                message: 'This email signs in to several dealers; give tenantSlug',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  problems: [{ field: 'tenantSlug', message: 'is required for this account' }],
                },
              },
            ],
          });
        }
        if (operation.variables['password'] !== 'right password') {
          return of({
            data: null,
            errors: [{ message: 'Invalid credentials', extensions: { code: 'UNAUTHENTICATED' } }],
          });
        }
        return of({
          data: {
            signIn: {
              __typename: 'Session',
              accessToken: 'access-1',
              refreshToken: 'refresh-1',
              user,
            },
          },
        });
      case 'CurrentUser':
        if (headers['authorization'] !== 'Bearer access-1') {
          return of({
            data: null,
            errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }],
          });
        }
        return of({ data: { me: user } });
      case undefined:
      default:
        return of({ data: null, errors: [{ message: `not faked: ${operation.operationName}` }] });
    }
  });
  return { link, operations };
}

function renderApp(path: string, user: CurrentUserFragment, storage = memoryStorage()) {
  const refresh = vi.fn().mockResolvedValue({ accessToken: 'access-1', refreshToken: 'refresh-2' });
  const session = new AuthSession(storage, refresh);
  const central = fakeCentral(user);
  const client = new ApolloClient({
    link: ApolloLink.from([createAuthLink(session), central.link]),
    cache: new InMemoryCache(),
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <ApolloProvider client={client}>
      <AuthProvider session={session}>
        <RouterProvider router={router} />
      </AuthProvider>
    </ApolloProvider>,
  );
  return { router, session, refresh, central };
}

async function signInWith(password: string, email = 'ada@acme.test') {
  fireEvent.change(await screen.findByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('portal app', () => {
  it('asks for a sign-in, and says so plainly when the password is wrong', async () => {
    renderApp('/', customerAdmin);
    await signInWith('wrong password');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('asks which dealer when one email belongs to several', async () => {
    renderApp('/', customerAdmin);
    await signInWith('right password', 'shared@two-dealers.test');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Which dealer? Enter the dealer ID and sign in again.',
    );
    fireEvent.change(screen.getByLabelText('Dealer ID'), { target: { value: 'acme-dealer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('signs a customer admin in to their own customer and role-aware navigation', async () => {
    const { router } = renderApp('/', customerAdmin);
    await signInWith('right password');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Fleet',
      'Alerts',
      'Agents',
      'Sites & consent',
      'Users',
      'E-mail',
      'Audit log',
    ]);
    expect(within(nav).getByRole('link', { name: 'Sites & consent' }).getAttribute('href')).toBe(
      '/customers/customer-acme',
    );
    expect(router.state.location.pathname).toBe('/fleet');
  });

  it('refuses dealer pages and other customers reached by editing the URL', async () => {
    const { router } = renderApp('/api-keys', customerAdmin);
    await signInWith('right password');
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();

    await router.navigate('/customers/customer-globex');
    const refusal = await screen.findByText('This customer is not yours to see.');
    expect(refusal.getAttribute('role')).toBe('alert');
  });

  it('restores the session after a reload from the refresh token alone', async () => {
    const storage = memoryStorage();
    storage.setItem('printbeat.refreshToken', 'refresh-1');
    const { refresh, central } = renderApp('/', customerAdmin, storage);

    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(central.operations).toEqual(['CurrentUser']);
    expect(storage.getItem('printbeat.refreshToken')).toBe('refresh-2');
  });
});
