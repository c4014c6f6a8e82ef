import { fireEvent, screen, within } from '@testing-library/react';
import { useQuery } from '@apollo/client/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerDocument } from '../../generated/graphql';
import { renderWithCentral, type FakeHandlers } from '../../test-support/fake-central';
import { CustomerDeletion } from './customer-deletion';

const NOW = new Date('2026-12-07T09:00:00Z');

type State = { archivedAt: string | null; deletionRequestedAt: string | null };

function fakeCentral(state: State): FakeHandlers {
  const customer = () => ({ __typename: 'Customer', id: 'customer-1', ...state });
  return {
    Customer: () => ({
      data: {
        customer: { ...customer(), name: 'Globex', externalRef: null, allowedCommandTypes: [] },
      },
    }),
    CustomerDeletionGrace: () => ({
      data: {
        retentionSettings: { __typename: 'RetentionSettings', customerDeletionGraceDays: 14 },
      },
    }),
    ArchiveCustomer: () => {
      state.archivedAt ??= NOW.toISOString();
      return { data: { archiveCustomer: customer() } };
    },
    RequestCustomerDeletion: () => {
      state.archivedAt ??= NOW.toISOString();
      state.deletionRequestedAt ??= NOW.toISOString();
      return { data: { requestCustomerDeletion: customer() } };
    },
    CancelCustomerDeletion: () => {
      state.deletionRequestedAt = null;
      return { data: { cancelCustomerDeletion: customer() } };
    },
    RestoreCustomer: () => {
      state.archivedAt = null;
      return { data: { restoreCustomer: customer() } };
    },
  };
}

/** The customer page's part, fed as there from the Customer query (and so the cache). */
function Harness({ canChange }: { canChange: boolean }) {
  const customer = useQuery(CustomerDocument, { variables: { id: 'customer-1' } });
  return customer.data ? (
    <CustomerDeletion customer={customer.data.customer} canChange={canChange} />
  ) : null;
}

describe('customer archive and deletion', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('requests deletion after confirming the grace period and the date', async () => {
    const state: State = { archivedAt: null, deletionRequestedAt: null };
    const { requests } = renderWithCentral(<Harness canChange />, fakeCentral(state));
    const section = await screen.findByRole('region', { name: 'Archive and deletion' });
    within(section).getByText('Active: its agents upload and new agents can enrol.');
    fireEvent.click(await within(section).findByRole('button', { name: 'Request deletion…' }));
    const confirm = within(section).getByRole('group', { name: 'Confirm' });
    within(confirm).getByText(/after a grace period of 14 days, on Dec 21, 2026\./);
    expect(requests.map((r) => r.operation)).not.toContain('RequestCustomerDeletion');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete after 14 days' }));
    await within(section).findByRole('button', { name: 'Cancel deletion' });
    expect(requests.filter((r) => r.operation === 'RequestCustomerDeletion')).toEqual([
      { operation: 'RequestCustomerDeletion', variables: { id: 'customer-1' } },
    ]);
    within(section).getByText(
      'Deletion requested on Dec 7, 2026, 9:00 AM, data deleted after Dec 21, 2026, 9:00 AM.',
    );
    expect(state.deletionRequestedAt).toBe(NOW.toISOString());
  });

  it('shows when a requested deletion happens and cancels it', async () => {
    const state: State = {
      archivedAt: '2026-12-01T08:00:00.000Z',
      deletionRequestedAt: '2026-12-01T08:00:00.000Z',
    };
    const { requests } = renderWithCentral(<Harness canChange />, fakeCentral(state));
    const section = await screen.findByRole('region', { name: 'Archive and deletion' });
    await within(section).findByText(
      /^Deletion requested on Dec 1, 2026, 8:00 AM, data deleted after Dec 15, 2026, 8:00 AM\.$/,
    );
    fireEvent.click(within(section).getByRole('button', { name: 'Cancel deletion' }));
    await within(section).findByText('Archived on Dec 1, 2026, 8:00 AM.');
    expect(state.deletionRequestedAt).toBeNull();
    expect(requests.filter((r) => r.operation === 'CancelCustomerDeletion')).toHaveLength(1);
  });

  it('restores an archived customer instead of archiving it again', async () => {
    const state: State = { archivedAt: '2026-11-02T10:00:00.000Z', deletionRequestedAt: null };
    const { requests } = renderWithCentral(<Harness canChange />, fakeCentral(state));
    const section = await screen.findByRole('region', { name: 'Archive and deletion' });
    within(section).getByText('Archived on Nov 2, 2026, 10:00 AM.');
    expect(within(section).queryByRole('button', { name: 'Archive customer…' })).toBeNull();
    fireEvent.click(within(section).getByRole('button', { name: 'Restore customer' }));
    await within(section).findByText('Active: its agents upload and new agents can enrol.');
    expect(state.archivedAt).toBeNull();
    expect(requests.filter((r) => r.operation === 'RestoreCustomer')).toHaveLength(1);
    within(section).getByRole('button', { name: 'Archive customer…' });
  });

  it('archives an active customer after a confirmation', async () => {
    const state: State = { archivedAt: null, deletionRequestedAt: null };
    const { requests } = renderWithCentral(<Harness canChange />, fakeCentral(state));
    const section = await screen.findByRole('region', { name: 'Archive and deletion' });
    fireEvent.click(within(section).getByRole('button', { name: 'Archive customer…' }));
    const confirm = within(section).getByRole('group', { name: 'Confirm' });
    within(confirm).getByText(/Its agents can no longer upload/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Archive Globex' }));
    await within(section).findByText('Archived on Dec 7, 2026, 9:00 AM.');
    expect(requests.filter((r) => r.operation === 'ArchiveCustomer')).toHaveLength(1);
  });

  it("shows central's refusal as a sentence", async () => {
    const state: State = { archivedAt: null, deletionRequestedAt: null };
    renderWithCentral(<Harness canChange />, {
      ...fakeCentral(state),
      ArchiveCustomer: () => ({
        errors: [{ message: 'Customer not found', extensions: { code: 'NOT_FOUND' } }],
      }),
    });
    const section = await screen.findByRole('region', { name: 'Archive and deletion' });
    fireEvent.click(within(section).getByRole('button', { name: 'Archive customer…' }));
    fireEvent.click(within(section).getByRole('button', { name: 'Archive Globex' }));
    expect((await within(section).findByRole('alert')).textContent).toContain(
      'Not found. It may have been removed, or it is not yours to see.',
    );
    expect(state.archivedAt).toBeNull();
  });

  it('says why deletion cannot be requested when the grace period cannot be read', async () => {
    const state: State = { archivedAt: null, deletionRequestedAt: null };
    renderWithCentral(<Harness canChange />, {
      ...fakeCentral(state),
      CustomerDeletionGrace: () => ({
        errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }],
      }),
    });
    const section = await screen.findByRole('region', { name: 'Archive and deletion' });
    await within(section).findByText('The grace period could not be read from central.');
    expect(within(section).getByRole('button', { name: 'Request deletion…' })).toHaveProperty(
      'disabled',
      true,
    );
    within(section).getByText('You do not have access to this.');
  });

  it('shows the state without actions or the grace period to those who may not change it', async () => {
    const state: State = {
      archivedAt: '2026-12-01T08:00:00.000Z',
      deletionRequestedAt: '2026-12-01T08:00:00.000Z',
    };
    const { requests } = renderWithCentral(<Harness canChange={false} />, fakeCentral(state));
    const section = await screen.findByRole('region', { name: 'Archive and deletion' });
    await within(section).findByText('Deletion requested on Dec 1, 2026, 8:00 AM.');
    expect(within(section).queryByRole('button')).toBeNull();
    within(section).getByText('Only a dealer administrator can archive or delete a customer.');
    expect(requests.map((r) => r.operation)).toEqual(['Customer']);
  });
});
