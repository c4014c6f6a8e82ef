import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import {
  actionChoices,
  capabilityRows,
  QueueCommandForm,
  type DeviceCapabilities,
} from './device-actions';

const REBOOT_REASON =
  "No SNMP write community or v3 write user is configured for this printer's range on its agent";

const capabilities: DeviceCapabilities = {
  __typename: 'DeviceCapabilities',
  rawPrintPort: true,
  pjl: true,
  pjlId: 'ECOSYS P2040dn',
  writeCredential: false,
  lastSet: null,
  lastSetMessage: null,
  lastSetAt: null,
  actions: [
    {
      __typename: 'DeviceActionAvailability',
      type: 'REFRESH_STATUS',
      available: true,
      reason: null,
    },
    { __typename: 'DeviceActionAvailability', type: 'TROUBLESHOOT', available: true, reason: null },
    {
      __typename: 'DeviceActionAvailability',
      type: 'PRINT_TEST_PAGE',
      available: true,
      reason: null,
    },
    {
      __typename: 'DeviceActionAvailability',
      type: 'REBOOT',
      available: false,
      reason: REBOOT_REASON,
    },
  ],
};

/** A stand-in for central: the customer consents to reboot, test page and troubleshoot. */
function fakeCentral() {
  const queued: unknown[] = [];
  const link = new ApolloLink((operation) => {
    if (operation.operationName === 'DeviceConsent')
      return of({
        data: {
          customer: {
            __typename: 'Customer',
            id: 'customer-1',
            name: 'Acme',
            allowedCommandTypes: ['REBOOT', 'PRINT_TEST_PAGE', 'TROUBLESHOOT'],
          },
        },
      });
    queued.push(operation.variables);
    return of({
      data: {
        queueCommand: {
          __typename: 'Command',
          id: 'command-1',
          type: 'PRINT_TEST_PAGE',
          status: 'PENDING',
          deviceId: 'device-1',
          agentId: 'agent-1',
          customerId: 'customer-1',
          message: null,
          result: null,
          requestedByKind: 'USER',
          createdAt: '2026-12-07T10:00:00.000Z',
          deliveredAt: null,
          completedAt: null,
          expiresAt: '2026-12-08T10:00:00.000Z',
        },
      },
    });
  });
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), queued };
}

describe('QueueCommandForm', () => {
  it('shows an action the device cannot do disabled, with the reason, and queues the others', async () => {
    const { client, queued } = fakeCentral();
    const onQueued = vi.fn();
    render(
      <ApolloProvider client={client}>
        <QueueCommandForm
          deviceId="device-1"
          customerId="customer-1"
          capabilities={capabilities}
          onQueued={onQueued}
        />
      </ApolloProvider>,
    );
    const reboot = await screen.findByRole('option', { name: /Reboot printer/ });
    expect((reboot as HTMLOptionElement).disabled).toBe(true);
    expect(reboot.textContent).toBe('Reboot printer — not available');
    const reasons = screen.getByRole('list', { name: 'Actions not available' });
    expect(within(reasons).getByText(`Reboot printer: ${REBOOT_REASON}`)).toBeTruthy();

    const testPage = screen.getByRole<HTMLOptionElement>('option', { name: /Print test page/ });
    expect(testPage.disabled).toBe(false);
    expect(testPage.textContent).toBe(
      "Print test page — prints the printer's own configuration page",
    );

    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'PRINT_TEST_PAGE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Queue' }));
    await waitFor(() => expect(onQueued).toHaveBeenCalled());
    expect(queued).toEqual([{ input: { deviceId: 'device-1', type: 'PRINT_TEST_PAGE' } }]);
  });
});

describe('actionChoices', () => {
  it('lists only consented actions and enables one the device was never asked about', () => {
    const choices = actionChoices(['SEND_METERS', 'REBOOT'], capabilities);
    expect(choices.map((c) => [c.type, c.unavailable])).toEqual([
      ['SEND_METERS', null],
      ['REBOOT', REBOOT_REASON],
    ]);
  });
});

describe('capabilityRows', () => {
  it('says what is known and leaves the rest unknown', () => {
    expect(capabilityRows(capabilities)).toEqual([
      ['Raw print port (9100)', 'open'],
      ['PJL', 'answers (ECOSYS P2040dn)'],
      ['SNMP write credential', 'none configured'],
      ['Last reboot (SNMP SET)', null],
    ]);
    expect(
      capabilityRows({
        ...capabilities,
        rawPrintPort: null,
        pjl: null,
        writeCredential: true,
        lastSet: 'REFUSED',
        lastSetMessage: 'NoAccess',
      }),
    ).toEqual([
      ['Raw print port (9100)', null],
      ['PJL', null],
      ['SNMP write credential', 'configured'],
      ['Last reboot (SNMP SET)', 'refused: NoAccess'],
    ]);
  });
});
