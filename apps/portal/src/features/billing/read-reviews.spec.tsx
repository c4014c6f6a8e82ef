import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { AuthProvider, useAuth } from '../../app/auth/auth-provider';
import { AuthSession } from '../../app/auth/auth-session';
import type { CurrentUserFragment, MeterReadReviewFieldsFragment } from '../../generated/graphql';
import { ReadReviews } from './read-reviews';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const user = (role: CurrentUserFragment['role']): CurrentUserFragment => ({
  __typename: 'User',
  id: 'user-1',
  email: 'bill@dealer.test',
  name: 'Bill',
  role,
  tenantId: 'tenant-1',
  customerId: null,
});

const pending: MeterReadReviewFieldsFragment = {
  __typename: 'MeterReadReview',
  id: 'review-1',
  deviceId: 'device-1',
  customerId: 'customer-1',
  readAt: '2026-01-15T00:00:00.000Z',
  counter: 'total',
  reason: 'SOURCE_DISAGREEMENT',
  originalValue: 1500,
  previousValue: null,
  alternativeSource: 'printerMib.lifeCount',
  alternativeValue: 1400,
  estimateReason: null,
  status: 'PENDING',
  correctedValue: null,
  decisionReason: null,
  reviewedAt: null,
};

/** A stand-in for central holding one flagged read of one device. */
function renderReviews(role: CurrentUserFragment['role'], initial = pending) {
  let review = initial;
  const decisions: Record<string, unknown>[] = [];
  const link = new ApolloLink((operation) => {
    switch (operation.operationName) {
      case 'CurrentUser':
        return of({ data: { me: user(role) } });
      case 'MeterReadReviews':
        return of({
          data: {
            meterReadReviews: {
              __typename: 'MeterReadReviewConnection',
              edges: [{ __typename: 'MeterReadReviewEdge', node: review }],
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            },
          },
        });
      case 'ReviewMeterRead': {
        decisions.push(operation.variables);
        const input = operation.variables['input'] as { correctedValue: number; reason: string };
        review = {
          ...review,
          status: 'CORRECTED',
          correctedValue: input.correctedValue,
          decisionReason: input.reason,
        };
        return of({ data: { reviewMeterRead: review } });
      }
      case undefined:
      default:
        return of({ errors: [{ message: `not in this test: ${operation.operationName}` }] });
    }
  });
  const session = new AuthSession(memoryStorage(), vi.fn());
  session.start({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  function SignedIn() {
    return useAuth().state.status === 'signedIn' ? <ReadReviews deviceId="device-1" /> : null;
  }
  render(
    <ApolloProvider client={new ApolloClient({ link, cache: new InMemoryCache() })}>
      <AuthProvider session={session}>
        <SignedIn />
      </AuthProvider>
    </ApolloProvider>,
  );
  return decisions;
}

describe('ReadReviews', () => {
  it('billing staff correct a flagged read with a reason; the state follows', async () => {
    const decisions = renderReviews('DEALER_BILLING');
    const row = await screen.findByRole('row', { name: /Awaiting review/ });
    expect(within(row).getByText(/says 1,400/)).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: /Review the/ }));

    fireEvent.click(screen.getByRole('radio', { name: /Correct/ }));
    const save = screen.getByRole('button', { name: 'Save decision' });
    expect(save).toHaveProperty('disabled', true);
    expect(screen.getByText('Enter the corrected value.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Corrected value'), { target: { value: '1400' } });
    expect(screen.getByText('Give a reason to correct the read.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'lifeCount billed' } });
    expect(save).toHaveProperty('disabled', false);
    fireEvent.click(save);

    await screen.findByText('Corrected to 1,400');
    expect(decisions).toEqual([
      {
        id: 'review-1',
        input: { decision: 'CORRECT', correctedValue: 1400, reason: 'lifeCount billed' },
      },
    ]);
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Save decision' })).toBeNull(),
    );
  });

  it('says in words that a read was estimated, with the reason given', async () => {
    renderReviews('DEALER_BILLING', {
      ...pending,
      reason: 'ESTIMATED',
      alternativeSource: null,
      alternativeValue: null,
      estimateReason: 'customer read the panel',
    });
    const row = await screen.findByRole('row', { name: /Awaiting review/ });
    expect(within(row).getByText('Estimated by a person: customer read the panel')).toBeTruthy();
  });

  it('shows the state without review buttons to a customer admin', async () => {
    renderReviews('CUSTOMER_ADMIN');
    const row = await screen.findByRole('row', { name: /Awaiting review/ });
    expect(within(row).queryByRole('button')).toBeNull();
  });
});
