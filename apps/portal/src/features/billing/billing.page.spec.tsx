import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, useAuth } from '../../app/auth/auth-provider';
import { AuthSession } from '../../app/auth/auth-session';
import type { CurrentUserFragment } from '../../generated/graphql';
import { BillingPage } from './billing.page';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const empty = (typename: string) => ({
  __typename: typename,
  edges: [],
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
});

const dealerBilling: CurrentUserFragment = {
  __typename: 'User',
  id: 'user-1',
  email: 'bill@dealer.test',
  name: 'Bill',
  role: 'DEALER_BILLING',
  tenantId: 'tenant-1',
  customerId: null,
};

/** A stand-in for central: the fleet was first read this month, on 7 December 2026. */
function fakeCentral() {
  const usageCalls: Record<string, unknown>[] = [];
  const link = new ApolloLink((operation) => {
    switch (operation.operationName) {
      case 'UsageReadSpan':
        return of({
          data: {
            usage: {
              __typename: 'DeviceUsageConnection',
              readSpan: {
                __typename: 'MeterReadSpan',
                firstReadAt: '2026-12-07T08:00:00.000Z',
                lastReadAt: '2026-12-07T08:50:00.000Z',
              },
            },
          },
        });
      case 'Usage':
        usageCalls.push(operation.variables);
        return of({
          data: {
            usage: {
              ...empty('DeviceUsageConnection'),
              customerTotals: [
                {
                  __typename: 'CustomerUsageTotal',
                  customerId: 'c1',
                  customerName: 'Acme',
                  devices: 2,
                  counters: [
                    {
                      __typename: 'CounterTotal',
                      counter: 'total',
                      pages: 160,
                      devices: 2,
                      incompleteDevices: 0,
                    },
                  ],
                },
              ],
            },
          },
        });
      case 'MissingMeterReads':
        return of({ data: { missingMeterReads: empty('MissingMeterDeviceConnection') } });
      case 'MeterDiscontinuities':
        return of({ data: { meterDiscontinuities: empty('MeterDiscontinuityConnection') } });
      case 'CurrentUser':
        return of({ data: { me: dealerBilling } });
      case 'CustomerPickerOptions':
        return of({ data: { customers: empty('CustomerConnection') } });
      case undefined:
      default:
        return of({ errors: [{ message: `not in this test: ${operation.operationName}` }] });
    }
  });
  return { usageCalls, client: new ApolloClient({ link, cache: new InMemoryCache() }) };
}

/** The page as the app shows it: only once the user is signed in. */
function SignedIn() {
  return useAuth().state.status === 'signedIn' ? <BillingPage /> : <p>restoring</p>;
}

describe('BillingPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 7, 9, 0));
  });
  afterEach(() => vi.useRealTimers());

  it('opens on the period that has readings and shows the customer totals', async () => {
    const central = fakeCentral();
    const router = createMemoryRouter([{ path: '/billing', element: <SignedIn /> }], {
      initialEntries: ['/billing'],
    });
    const session = new AuthSession(memoryStorage(), vi.fn());
    session.start({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    render(
      <ApolloProvider client={central.client}>
        <AuthProvider session={session}>
          <RouterProvider router={router} />
        </AuthProvider>
      </ApolloProvider>,
    );
    const totals = await screen.findByRole('row', { name: /Acme/ });
    expect(within(totals).getAllByRole('cell')[1]!.textContent).toBe('160');
    // Not the empty November: this month so far.
    expect(screen.getByLabelText<HTMLInputElement>('First day').value).toBe('2026-12-01');
    expect(screen.getByLabelText<HTMLInputElement>('Last day').value).toBe('2026-12-07');
    expect(central.usageCalls).toHaveLength(1);
    expect(central.usageCalls[0]).toMatchObject({
      from: new Date('2026-12-01T00:00:00').toISOString(),
      to: new Date('2026-12-08T00:00:00').toISOString(),
    });
  });
});
