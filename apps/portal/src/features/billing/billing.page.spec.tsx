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
  const scheduleCalls: Record<string, unknown>[] = [];
  const linkCalls: Record<string, unknown>[] = [];
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
      case 'BillingExports':
        return of({
          data: {
            billingExportSchedule: {
              __typename: 'BillingExportSchedule',
              enabled: false,
              dayOfMonth: 1,
              recipientEmails: [],
              bom: false,
            },
            billingExportFiles: [
              {
                __typename: 'BillingExportFile',
                id: 'file-1',
                fileName: 'billing-2026-11.csv',
                periodFrom: '2026-11-01T00:00:00.000Z',
                periodTo: '2026-12-01T00:00:00.000Z',
                scheduled: true,
                rowCount: 30,
                deviceCount: 10,
                mailedAt: '2026-12-01T00:23:00.000Z',
                createdAt: '2026-12-01T00:23:00.000Z',
              },
            ],
          },
        });
      case 'UpdateBillingExportSchedule':
        scheduleCalls.push(operation.variables);
        return of({
          data: {
            updateBillingExportSchedule: {
              __typename: 'BillingExportSchedule',
              ...(operation.variables['input'] as object),
            },
          },
        });
      case 'CreateBillingExportFileLink':
        linkCalls.push(operation.variables);
        return of({
          data: {
            createBillingExportFileLink: {
              __typename: 'MeterExportLink',
              url: 'http://central.test/api/v1/billing-exports/links/signed-2',
              expiresAt: '2026-12-07T09:15:00.000Z',
            },
          },
        });
      case 'MissingMeterReads':
        return of({ data: { missingMeterReads: empty('MissingMeterDeviceConnection') } });
      case 'MeterReadsAwaitingReview':
        return of({ data: { meterReadsAwaitingReview: empty('MeterReadReviewConnection') } });
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
    scheduleCalls,
    linkCalls,
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

  it('keeps the monthly schedule and downloads a kept export through a signed link', async () => {
    const central = renderPage();
    const row = await screen.findByRole('row', { name: /billing-2026-11\.csv/ });
    fireEvent.click(within(row).getByRole('button', { name: 'Download' }));
    await vi.waitFor(() =>
      expect(downloadFrom).toHaveBeenCalledWith(
        'http://central.test/api/v1/billing-exports/links/signed-2',
      ),
    );
    expect(central.linkCalls).toEqual([{ id: 'file-1' }]);

    const save = screen.getByRole('button', { name: 'Save schedule' });
    fireEvent.change(screen.getByLabelText('From day of month'), { target: { value: '31' } });
    expect(save).toHaveProperty('disabled', true);
    expect(screen.getByText(/must be between 1 and 28/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('From day of month'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Export every month' }));
    fireEvent.change(screen.getByLabelText('E-mail to'), {
      target: { value: 'billing@acme.test, erp@acme.test' },
    });
    fireEvent.click(save);
    await vi.waitFor(() => expect(central.scheduleCalls).toHaveLength(1));
    expect(central.scheduleCalls[0]).toEqual({
      input: {
        enabled: true,
        dayOfMonth: 3,
        recipientEmails: ['billing@acme.test', 'erp@acme.test'],
        bom: false,
      },
    });
  });
});
