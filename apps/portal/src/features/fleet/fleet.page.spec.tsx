import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { createAuthLink } from '../../app/auth/auth-link';
import { AuthProvider } from '../../app/auth/auth-provider';
import { AuthSession, REFRESH_TOKEN_STORAGE_KEY } from '../../app/auth/auth-session';
import { routes } from '../../app/router';
import {
  DEFAULT_FLEET_STATE,
  fleetSearchParams,
  fleetVariables,
  parseFleetState,
} from './fleet-url-state';

const dana = {
  __typename: 'User',
  id: 'user-1',
  email: 'dana@dealer.test',
  name: 'Dana Dealer',
  role: 'DEALER_ADMIN',
  tenantId: 'tenant-1',
  customerId: null,
};

function device(index: number) {
  return {
    __typename: 'Device',
    id: `device-${index}`,
    customerId: 'customer-1',
    siteId: null,
    manufacturer: 'Kyocera',
    model: 'TASKalfa 2554ci',
    serialNumber: `SN${index}`,
    macAddress: null,
    ipAddress: `10.0.0.${index}`,
    hostname: null,
    location: null,
    printerStatus: null,
    detectedErrors: [],
    status: 'OK',
    noIdentity: false,
    needsReview: false,
    lastSeenAt: '2026-12-07T10:00:00.000Z',
    lastMeterReadAt: null,
    latestMeterRead: null,
    supplies: [],
    openAlerts: [],
  };
}

/** The fleet page signed in as a dealer admin at `url`; records the devices query's variables. */
function renderFleet(url: string) {
  const fleetRequests: Array<Record<string, unknown>> = [];
  const link = new ApolloLink((operation) => {
    switch (operation.operationName) {
      case 'CurrentUser':
        return of({ data: { me: dana } });
      case 'DeviceFacets':
        return of({
          data: {
            deviceFacets: { __typename: 'DeviceFacets', manufacturers: ['Kyocera'], models: [] },
          },
        });
      case 'Fleet':
        fleetRequests.push(operation.variables);
        return of({
          data: {
            devices: {
              __typename: 'DeviceConnection',
              totalCount: 60,
              edges: [1, 2].map((index) => ({ __typename: 'DeviceEdge', node: device(index) })),
              pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'c' },
            },
          },
        });
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
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <ApolloProvider client={client}>
      <AuthProvider session={session}>
        <RouterProvider router={router} />
      </AuthProvider>
    </ApolloProvider>,
  );
  const search = () => Object.fromEntries(new URLSearchParams(router.state.location.search));
  return { router, fleetRequests, search };
}

/** Generous: the page lazy-loads and renders through the router; CI machines are shared. */
configure({ asyncUtilTimeout: 10_000 });
const PAGE_TEST_MS = 30_000;
const findText = (text: string) => screen.findByText(text);

const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(name) });

describe('fleet page state in the URL', () => {
  it(
    'reads filters, sort and page from a shared link and asks the server for exactly that',
    async () => {
      const { fleetRequests } = renderFleet(
        '/fleet?lowToner=1&alert=WARNING&ip=127.0.0.2&sort=SERIAL_NUMBER&dir=desc&page=2',
      );
      expect(await findText('Page 2 of 3')).toBeTruthy();
      expect(fleetRequests.at(-1)).toMatchObject({
        lowToner: true,
        dueSoon: null,
        silent: null,
        underContract: null,
        alertSeverity: 'WARNING',
        ipAddress: '127.0.0.2',
        sort: 'SERIAL_NUMBER',
        direction: 'DESC',
        first: 25,
        offset: 25,
      });
      expect(screen.getByLabelText<HTMLInputElement>('Low toner').checked).toBe(true);
      expect(screen.getByLabelText<HTMLInputElement>('Silent').checked).toBe(false);
      expect(screen.getByLabelText<HTMLSelectElement>('Open alerts').value).toBe('WARNING');
      expect(screen.getByLabelText<HTMLInputElement>('IP address (exact)').value).toBe('127.0.0.2');
      expect(header('Serial').getAttribute('aria-sort')).toBe('descending');
      expect(header('Model').getAttribute('aria-sort')).toBeNull();
    },
    PAGE_TEST_MS,
  );

  it(
    'writes a sort and a filter into the URL, back to page 1, and the back button undoes each',
    async () => {
      const { router, fleetRequests, search } = renderFleet('/fleet?lowToner=1&page=3');
      expect(await findText('Page 3 of 3')).toBeTruthy();

      fireEvent.click(within(header('Model')).getByRole('button'));
      await waitFor(() => expect(search()).toEqual({ lowToner: '1', sort: 'MANUFACTURER' }));
      await waitFor(() =>
        expect(fleetRequests.at(-1)).toMatchObject({
          sort: 'MANUFACTURER',
          direction: 'ASC',
          offset: 0,
        }),
      );
      expect(header('Model').getAttribute('aria-sort')).toBe('ascending');

      fireEvent.click(within(header('Model')).getByRole('button'));
      await waitFor(() =>
        expect(search()).toEqual({ lowToner: '1', sort: 'MANUFACTURER', dir: 'desc' }),
      );

      fireEvent.click(screen.getByLabelText('Silent'));
      await waitFor(() =>
        expect(search()).toEqual({ lowToner: '1', silent: '1', sort: 'MANUFACTURER', dir: 'desc' }),
      );
      await waitFor(() =>
        expect(fleetRequests.at(-1)).toMatchObject({ silent: true, lowToner: true }),
      );

      fireEvent.change(screen.getByLabelText('IP address (exact)'), {
        target: { value: ' 127.0.0.7 ' },
      });
      fireEvent.click(screen.getByRole('button', { name: 'Search' }));
      await waitFor(() => expect(search()['ip']).toBe('127.0.0.7'));

      await act(() => router.navigate(-1));
      expect(search()).toEqual({ lowToner: '1', silent: '1', sort: 'MANUFACTURER', dir: 'desc' });
      await waitFor(() =>
        expect(screen.getByLabelText<HTMLInputElement>('IP address (exact)').value).toBe(''),
      );
      await act(() => router.navigate(-1));
      await waitFor(() =>
        expect(screen.getByLabelText<HTMLInputElement>('Silent').checked).toBe(false),
      );
      await act(() => router.navigate(-1));
      await act(() => router.navigate(-1));
      expect(search()).toEqual({ lowToner: '1', page: '3' });
      expect(await findText('Page 3 of 3')).toBeTruthy();
      expect(header('Model').getAttribute('aria-sort')).toBeNull();
      expect(screen.getByLabelText<HTMLInputElement>('Low toner').checked).toBe(true);
      // The first view is answered from the cache: the same variables as its first request.
      expect(fleetRequests[0]).toMatchObject({ sort: 'FIRST_SEEN', direction: 'ASC', offset: 50 });
    },
    PAGE_TEST_MS,
  );

  it(
    'moves between pages through the URL',
    async () => {
      const { search } = renderFleet('/fleet?dueSoon=1');
      expect(await findText('Page 1 of 3')).toBeTruthy();
      expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous' }).disabled).toBe(
        true,
      );
      fireEvent.click(screen.getByRole('button', { name: 'Next' }));
      await waitFor(() => expect(search()).toEqual({ dueSoon: '1', page: '2' }));
      expect(await findText('Page 2 of 3')).toBeTruthy();
    },
    PAGE_TEST_MS,
  );
});

describe('fleet URL state', () => {
  it('asks for devices under no contract with the "Not under contract" flag', () => {
    const state = parseFleetState(new URLSearchParams('noContract=1'));
    expect(fleetVariables(state, null).underContract).toBe(false);
    expect(fleetVariables(DEFAULT_FLEET_STATE, null).underContract).toBeNull();
  });

  it('ignores unknown values instead of sending them to the server', () => {
    const state = parseFleetState(
      new URLSearchParams('sort=PRICE&dir=up&page=-4&alert=LOUD&status=BROKEN&lowToner=yes'),
    );
    expect(fleetSearchParams(state).toString()).toBe('');
  });

  it('round-trips every field', () => {
    const query =
      'customer=c&site=s&search=kyo&ip=127.1.2.3&manufacturer=HP&model=M479&status=ERROR&lowToner=1&dueSoon=1&silent=1&noContract=1&alert=CRITICAL&sort=LAST_READ&dir=desc&page=4';
    expect(fleetSearchParams(parseFleetState(new URLSearchParams(query))).toString()).toBe(query);
  });
});
