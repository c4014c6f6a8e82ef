import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { CreateUserForm } from './users.page';

function renderForm(mailConfigured: boolean) {
  const inputs: Record<string, unknown>[] = [];
  const link = new ApolloLink((operation) => {
    const input = operation.variables['input'] as Record<string, unknown>;
    inputs.push(input);
    return of({
      data: {
        createUser: {
          __typename: 'User',
          id: 'u-new',
          email: input['email'],
          invitationPending: input['password'] === null,
        },
      },
    });
  });
  const onCreated = vi.fn();
  render(
    <ApolloProvider client={new ApolloClient({ link, cache: new InMemoryCache() })}>
      <CreateUserForm
        assignable={['DEALER_TECHNICIAN']}
        fixedCustomerId={null}
        mailConfigured={mailConfigured}
        onCreated={onCreated}
      />
    </ApolloProvider>,
  );
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Tess Tech' } });
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'tess@dealer.test' } });
  return { inputs, onCreated };
}

describe('new user form', () => {
  it('invites by e-mail where central sends mail: no password asked, none sent', async () => {
    const { inputs, onCreated } = renderForm(true);
    expect(screen.queryByLabelText('Initial password')).toBeNull();
    expect(screen.getByText(/An invitation is e-mailed to this address/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Invite user' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'An invitation is on its way to tess@dealer.test.',
    );
    expect(inputs).toEqual([
      {
        name: 'Tess Tech',
        email: 'tess@dealer.test',
        password: null,
        role: 'DEALER_TECHNICIAN',
        customerId: null,
      },
    ]);
    expect(onCreated).toHaveBeenCalledTimes(1);
  });

  it('asks the admin for an initial password where central sends no mail', async () => {
    const { inputs } = renderForm(false);
    fireEvent.change(screen.getByLabelText('Initial password'), {
      target: { value: 'an initial password' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'tess@dealer.test can sign in now.',
    );
    expect(inputs[0]?.['password']).toBe('an initial password');
  });
});
