import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../app/navigation';
import { DeviceReview, type ReviewedDevice } from './device-review-panel';
import {
  candidateLabel,
  canReviewDevices,
  mergeCandidates,
  mergeConsequences,
  reviewReasonText,
  seenLater,
} from './device-review';

const flagged: ReviewedDevice = {
  id: 'device-new',
  customerId: 'customer-1',
  hostname: null,
  ipAddress: '127.0.0.6',
  model: 'TASKalfa 2554ci',
  serialNumber: 'SN-1',
  lastSeenAt: '2026-02-10T00:00:00.000Z',
  needsReview: true,
  reviewReason: 'DUPLICATE_SERIAL',
};

const node = (id: string, serialNumber: string, ipAddress: string, needsReview = false) => ({
  __typename: 'Device' as const,
  id,
  manufacturer: 'Kyocera',
  model: 'TASKalfa 2554ci',
  serialNumber,
  macAddress: null,
  ipAddress,
  hostname: null,
  location: null,
  lastSeenAt: '2026-01-20T00:00:00.000Z',
  needsReview,
});

/** A stand-in for central: the search answers the flagged device itself and one other. */
function fakeCentral() {
  const calls: { operation: string; variables: Record<string, unknown> }[] = [];
  const link = new ApolloLink((operation) => {
    calls.push({ operation: operation.operationName ?? '', variables: operation.variables });
    switch (operation.operationName) {
      case 'MergeCandidates':
        return of({
          data: {
            devices: {
              __typename: 'DeviceConnection',
              edges: [
                { __typename: 'DeviceEdge', node: node('device-new', 'SN-1', '127.0.0.6', true) },
                { __typename: 'DeviceEdge', node: node('device-old', 'SN-1', '127.0.0.5', true) },
              ],
            },
          },
        });
      case 'MergeDevices':
        return of({
          data: {
            mergeDevices: {
              __typename: 'Device',
              id: 'device-old',
              needsReview: false,
              reviewReason: null,
              mergedIntoId: null,
            },
          },
        });
      case 'DismissDeviceReview':
        return of({
          data: {
            dismissDeviceReview: {
              __typename: 'Device',
              id: 'device-new',
              needsReview: false,
              reviewReason: null,
            },
          },
        });
      case undefined:
      default:
        throw new Error(`unexpected operation ${operation.operationName}`);
    }
  });
  return { calls, client: new ApolloClient({ link, cache: new InMemoryCache() }) };
}

function Landed() {
  const { deviceId } = useParams();
  return <p>device page of {deviceId}</p>;
}

function renderReview(role: Role, device: ReviewedDevice = flagged) {
  const central = fakeCentral();
  const router = createMemoryRouter(
    [
      { path: '/devices/device-new', element: <DeviceReview device={device} role={role} /> },
      { path: '/devices/:deviceId', element: <Landed /> },
    ],
    { initialEntries: ['/devices/device-new'] },
  );
  render(
    <ApolloProvider client={central.client}>
      <RouterProvider router={router} />
    </ApolloProvider>,
  );
  return central;
}

describe('device review logic', () => {
  it('lets dealer admins and technicians review, nobody else', () => {
    expect(canReviewDevices('DEALER_ADMIN')).toBe(true);
    expect(canReviewDevices('DEALER_TECHNICIAN')).toBe(true);
    for (const role of [
      'DEALER_BILLING',
      'CUSTOMER_ADMIN',
      'CUSTOMER_VIEWER',
      'PLATFORM_OPERATOR',
    ] as const)
      expect(canReviewDevices(role)).toBe(false);
  });

  it('explains the known reason and names an unknown one', () => {
    expect(reviewReasonText('DUPLICATE_SERIAL')).toMatch(/same serial number/);
    expect(reviewReasonText('SOMETHING_NEW')).toBe('Flagged for review (SOMETHING_NEW).');
    expect(reviewReasonText(null)).toBe('Flagged for review.');
  });

  it('never offers the device itself as the one to keep', () => {
    const found = {
      __typename: 'Query' as const,
      devices: {
        __typename: 'DeviceConnection' as const,
        edges: [node('a', 'S', '127.0.0.1'), node('b', 'S', '127.0.0.2')].map((n) => ({
          __typename: 'DeviceEdge' as const,
          node: n,
        })),
      },
    };
    expect(mergeCandidates(found, 'a').map((d) => d.id)).toEqual(['b']);
    expect(mergeCandidates(undefined, 'a')).toEqual([]);
    expect(candidateLabel(node('b', 'S', '127.0.0.2'))).toBe(
      'Serial S · 127.0.0.2 · Kyocera TASKalfa 2554ci',
    );
    expect(
      candidateLabel({
        ...node('c', '', '127.0.0.3'),
        serialNumber: null,
        ipAddress: null,
        macAddress: '00:11:22:33:44:55',
        manufacturer: null,
        model: null,
      }),
    ).toBe('No serial · 00:11:22:33:44:55');
  });

  it('says what a merge does to both devices', () => {
    const lines = mergeConsequences('new', 'old', true);
    expect(lines[0]).toBe('new disappears from the fleet; it stays on record as merged into old.');
    expect(lines.join(' ')).toMatch(/meter reads.*move to old/);
    expect(lines.join(' ')).toMatch(/counter drop opens for review/);
    expect(lines[3]).toMatch(/^new was seen more recently: old takes over its serial/);
    expect(lines.at(-1)).toBe('A merge cannot be undone from the portal.');
    expect(mergeConsequences('new', 'old', false)[3]).toBe(
      'old keeps its own serial and addresses.',
    );
    expect(seenLater('2026-02-10T00:00:00.000Z', '2026-01-20T00:00:00.000Z')).toBe(true);
    expect(seenLater('2026-01-20T00:00:00.000Z', '2026-01-20T00:00:00.000Z')).toBe(false);
  });
});

describe('DeviceReview', () => {
  it('shows nothing for a device that needs no review', () => {
    renderReview('DEALER_ADMIN', { ...flagged, needsReview: false });
    expect(screen.queryByRole('heading', { name: 'Review' })).toBeNull();
  });

  it('tells a customer user why, without the actions', () => {
    renderReview('CUSTOMER_ADMIN');
    expect(screen.getByRole('heading', { name: 'Review' })).toBeTruthy();
    expect(screen.getByText(/same serial number/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Dismiss' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Merge into…' })).toBeNull();
  });

  it('dismisses only after confirmation', async () => {
    const confirm = vi
      .spyOn(window, 'confirm')
      .mockReturnValueOnce(false)
      .mockReturnValueOnce(true);
    const central = renderReview('DEALER_TECHNICIAN');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(central.calls.filter((call) => call.operation === 'DismissDeviceReview')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() =>
      expect(central.calls.filter((call) => call.operation === 'DismissDeviceReview')).toEqual([
        { operation: 'DismissDeviceReview', variables: { id: 'device-new' } },
      ]),
    );
  });

  it('merges into the device picked from the search, after an explained confirmation, and opens the kept device', async () => {
    const central = renderReview('DEALER_ADMIN');
    fireEvent.click(screen.getByRole('button', { name: 'Merge into…' }));
    // The search starts from the shared serial, within the device's customer.
    const options = await screen.findAllByRole('radio');
    expect(central.calls.find((call) => call.operation === 'MergeCandidates')?.variables).toEqual({
      customerId: 'customer-1',
      search: 'SN-1',
    });
    expect(options).toHaveLength(1);
    expect(screen.getByText(/Serial SN-1 · 127.0.0.5/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Confirm the merge' })).toBeNull();

    fireEvent.click(options[0]!);
    const confirmation = screen.getByRole('group', { name: 'Confirm the merge' });
    expect(
      within(confirmation).getByText(
        'Merge TASKalfa 2554ci · 127.0.0.6 into TASKalfa 2554ci · 127.0.0.5?',
      ),
    ).toBeTruthy();
    expect(within(confirmation).getByText(/127.0.0.6 disappears from the fleet/)).toBeTruthy();
    // The flagged device was seen after the one picked: the kept device takes its identity.
    expect(within(confirmation).getByText(/127.0.0.5 takes over its serial/)).toBeTruthy();
    fireEvent.click(within(confirmation).getByRole('button', { name: 'Merge' }));

    expect(await screen.findByText('device page of device-old')).toBeTruthy();
    expect(
      central.calls
        .filter((call) => call.operation === 'MergeDevices')
        .map((call) => call.variables),
    ).toEqual([{ input: { keepId: 'device-old', mergeId: 'device-new' } }]);
  });

  it('searches again with what the dealer typed', async () => {
    const central = renderReview('DEALER_ADMIN');
    fireEvent.click(screen.getByRole('button', { name: 'Merge into…' }));
    await screen.findAllByRole('radio');
    fireEvent.change(screen.getByLabelText(/Device to keep/), { target: { value: ' 127.0.0.5 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(
        central.calls.filter((call) => call.operation === 'MergeCandidates').at(-1)?.variables,
      ).toEqual({ customerId: 'customer-1', search: '127.0.0.5' }),
    );
  });
});
