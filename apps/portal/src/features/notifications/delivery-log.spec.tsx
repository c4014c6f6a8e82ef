import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DeliveryLog } from './delivery-log';

const message = (id: string, status: string, over: Record<string, unknown> = {}) => ({
  __typename: 'NotificationMessage',
  id,
  eventType: 'alert.opened',
  policyName: 'Jams',
  recipient: 'desk@dealer.test',
  subject: 'Alert: Paper jam on Kyocera (SN K1)',
  status,
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  sentAt: null,
  createdAt: '2026-01-11T12:00:00.000Z',
  ...over,
});

function fakeCentral() {
  const asked: unknown[] = [];
  const link = new ApolloLink((operation) => {
    if (operation.operationName !== 'NotificationMessages')
      throw new Error(`unexpected operation ${operation.operationName}`);
    asked.push(operation.variables['status']);
    const all = [
      message('m1', 'SENT', { sentAt: '2026-01-11T12:00:05.000Z' }),
      message('m2', 'FAILED', {
        attempts: 5,
        lastError: 'SMTP delivery failed: connect ECONNREFUSED 127.0.0.1:2525',
        recipient: 'boss@dealer.test',
      }),
      message('m3', 'HELD', {
        nextAttemptAt: '2026-01-12T05:00:00.000Z',
        recipient: 'night@dealer.test',
      }),
    ];
    const status = operation.variables['status'] as string | null;
    return of({
      data: {
        notificationMessages: {
          __typename: 'NotificationMessageConnection',
          edges: all
            .filter((node) => !status || node.status === status)
            .map((node) => ({ __typename: 'NotificationMessageEdge', node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      },
    });
  });
  return { asked, client: new ApolloClient({ link, cache: new InMemoryCache() }) };
}

describe('e-mail delivery log', () => {
  it('lists each e-mail with its recipient, state, attempts and last error, and filters by state', async () => {
    const central = fakeCentral();
    render(
      <ApolloProvider client={central.client}>
        <DeliveryLog />
      </ApolloProvider>,
    );
    const table = await screen.findByRole('table', { name: /E-mails, newest first/ });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const failed = within(table).getByText('boss@dealer.test').closest('tr')!;
    expect(within(failed).getByText('failed')).toBeTruthy();
    expect(within(failed).getByText('5')).toBeTruthy();
    expect(within(failed).getByText(/ECONNREFUSED/)).toBeTruthy();
    const held = within(table).getByText('night@dealer.test').closest('tr')!;
    expect(within(held).getByText('held')).toBeTruthy();
    expect(within(held).getByText(/^next /)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'FAILED' } });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(central.asked).toContain('FAILED');
  });
});
