import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, useAuth } from '../../app/auth/auth-provider';
import { AuthSession } from '../../app/auth/auth-session';
import type { CurrentUserFragment } from '../../generated/graphql';
import { downloadFrom } from '../../shared/download';
import { BillingPage } from './billing.page';

vi.mock('../../shared/download', () => ({ downloadFrom: vi.fn() }));

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
  const exportCalls: Record<string, unknown>[] = [];
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
      case 'CreateMeterExport':
        exportCalls.push(operation.variables);
        return of({
          data: {
            createMeterExport: {
              __typename: 'MeterExportLink',
              url: 'http://central.test/api/v1/meters/exports/signed-1',
              expiresAt: '2026-12-07T09:15:00.000Z',
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
  return {
    usageCalls,
    exportCalls,
    client: new ApolloClient({ link, cache: new InMemoryCache() }),
  };
}

/** The page as the app shows it: only once the user is signed in. */
function SignedIn() {
  return useAuth().state.status === 'signedIn' ? <BillingPage /> : <p>restoring</p>;
}

function renderPage() {
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
  return central;
}

describe('BillingPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 7, 9, 0));
  });
  afterEach(() => vi.useRealTimers());

  it('opens on the period that has readings and shows the customer totals', async () => {
    const central = renderPage();
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

  it('downloads central’s billing CSV for every customer, with the BOM option', async () => {
    const central = renderPage();
    const button = await screen.findByRole('button', { name: 'Download billing CSV' });
    fireEvent.click(screen.getByRole('checkbox', { name: /byte order mark/ }));
    fireEvent.click(button);
    await vi.waitFor(() =>
      expect(downloadFrom).toHaveBeenCalledWith(
        'http://central.test/api/v1/meters/exports/signed-1',
      ),
    );
    expect(central.exportCalls).toEqual([
      {
        input: {
          customerId: null,
          from: new Date('2026-12-01T00:00:00').toISOString(),
          to: new Date('2026-12-08T00:00:00').toISOString(),
          bom: false,
        },
      },
    ]);
    expect(screen.queryByRole('button', { name: /this page as CSV/ })).toBeNull();
  });
});
