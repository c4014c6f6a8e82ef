import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { UserRole } from '../../generated/graphql';
import { PolicyForm } from './policy-form';
import { minuteOfDay, recipientRolesFor, timeOfMinute } from './policy-form-state';

/** A stand-in for central that records the policy the form sends and answers it back. */
function fakeCentral() {
  const created: Record<string, unknown>[] = [];
  const link = new ApolloLink((operation) => {
    switch (operation.operationName) {
      case 'CustomerPickerOptions':
        return of({ data: { customers: { __typename: 'CustomerConnection', edges: [] } } });
      case 'CreateNotificationPolicy': {
        const input = operation.variables['input'] as Record<string, unknown>;
        created.push(input);
        return of({
          data: {
            createNotificationPolicy: {
              __typename: 'NotificationPolicy',
              id: 'policy-1',
              alertCodes: [],
              alertSeverities: [],
              recipientRoles: [],
              recipientEmails: [],
              quietStartMinute: null,
              quietEndMinute: null,
              deliveryMode: 'IMMEDIATE',
              timeZone: 'UTC',
              digestHour: 7,
              locale: 'en',
              enabled: true,
              customerId: null,
              ...input,
            },
          },
        });
      }
      case undefined:
      default:
        throw new Error(`unexpected operation ${operation.operationName}`);
    }
  });
  return { created, client: new ApolloClient({ link, cache: new InMemoryCache() }) };
}

function renderForm(role: UserRole) {
  const central = fakeCentral();
  const onCreated = vi.fn();
  render(
    <ApolloProvider client={central.client}>
      <PolicyForm role={role} locales={['en', 'de']} onCreated={onCreated} />
    </ApolloProvider>,
  );
  return { ...central, onCreated };
}

describe('notification policy form', () => {
  it('reads and writes quiet-hour times', () => {
    expect(minuteOfDay('22:30')).toBe(1350);
    expect(minuteOfDay('24:00')).toBeNull();
    expect(minuteOfDay('')).toBeNull();
    expect(timeOfMinute(365)).toBe('06:05');
  });

  it('offers customer admins only their own customer’s roles', () => {
    expect(recipientRolesFor('CUSTOMER_ADMIN')).toEqual(['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER']);
    expect(recipientRolesFor('DEALER_ADMIN')).toContain('DEALER_TECHNICIAN');
  });

  it('sends the policy as chosen: critical jams to technicians and an address, quiet at night, in German', async () => {
    const { created, onCreated } = renderForm('DEALER_ADMIN');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' Night jams ' } });
    fireEvent.click(screen.getByLabelText('Alert cleared'));
    fireEvent.click(screen.getByLabelText('critical'));
    fireEvent.change(screen.getByLabelText('Alert codes (empty: all)'), {
      target: { value: 'jam, toner_empty' },
    });
    fireEvent.click(screen.getByLabelText('Dealer technicians'));
    fireEvent.change(screen.getByLabelText('Other addresses'), {
      target: { value: 'desk@dealer.test\nboss@dealer.test' },
    });
    fireEvent.change(screen.getByLabelText('Quiet from'), { target: { value: '22:00' } });
    fireEvent.change(screen.getByLabelText('Quiet until'), { target: { value: '06:30' } });
    fireEvent.change(screen.getByLabelText('Time zone (when a site has none)'), {
      target: { value: 'Europe/Berlin' },
    });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'de' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create policy' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(created).toEqual([
      {
        name: 'Night jams',
        customerId: null,
        eventTypes: ['ALERT_OPENED'],
        alertSeverities: ['CRITICAL'],
        alertCodes: ['JAM', 'TONER_EMPTY'],
        recipientRoles: ['DEALER_TECHNICIAN'],
        recipientEmails: ['desk@dealer.test', 'boss@dealer.test'],
        deliveryMode: 'IMMEDIATE',
        digestHour: 7,
        quietStartMinute: 1320,
        quietEndMinute: 390,
        timeZone: 'Europe/Berlin',
        locale: 'de',
      },
    ]);
    // The form starts over for the next policy.
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('');
  });

  it('refuses a policy without recipients or with half quiet hours, and sends nothing', () => {
    const { created } = renderForm('CUSTOMER_ADMIN');
    expect(screen.queryByLabelText('Dealer technicians')).toBeNull();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ours' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create policy' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Choose recipients: roles, addresses or both.',
    );
    fireEvent.click(screen.getByLabelText("The customer's admins"));
    fireEvent.change(screen.getByLabelText('Quiet from'), { target: { value: '22:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create policy' }));
    expect(screen.getByRole('alert').textContent).toBe('Quiet hours need a start and an end.');
    expect(created).toEqual([]);
  });

  it('asks for the digest hour instead of quiet hours for a daily digest', async () => {
    const { created, onCreated } = renderForm('CUSTOMER_ADMIN');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Morning' } });
    fireEvent.click(screen.getByLabelText("The customer's admins"));
    fireEvent.click(screen.getByLabelText('Daily digest'));
    expect(screen.queryByLabelText('Quiet from')).toBeNull();
    fireEvent.change(screen.getByLabelText('Digest at (hour)'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create policy' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(created[0]).toMatchObject({
      deliveryMode: 'DAILY_DIGEST',
      digestHour: 8,
      recipientRoles: ['CUSTOMER_ADMIN'],
      quietStartMinute: null,
    });
  });
});
