import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithCentral } from '../../test-support/fake-central';
import { UpdateConsent } from './update-consent';

function renderConsent(canChange: boolean) {
  let allowed = true;
  return renderWithCentral(<UpdateConsent customerId="c1" canChange={canChange} />, {
    CustomerUpdateConsent: () => ({
      data: { customer: { __typename: 'Customer', id: 'c1', agentUpdatesAllowed: allowed } },
    }),
    SetAgentUpdateConsent: (variables) => {
      allowed = (variables['input'] as { allowed: boolean }).allowed;
      return { data: { setAgentUpdateConsent: allowed } };
    },
  });
}

describe('agent update consent', () => {
  it('switches updates off for the customer and shows it saved', async () => {
    const { requests } = renderConsent(true);
    const box = await screen.findByRole('checkbox', { name: /install the releases/ });
    expect(screen.getByText('No changes to save.')).toBeTruthy();
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Save agent updates' }));
    await screen.findByText('Saved.');
    expect(requests.find((r) => r.operation === 'SetAgentUpdateConsent')?.variables).toEqual({
      input: { customerId: 'c1', allowed: false },
    });
    expect((box as HTMLInputElement).checked).toBe(false);
  });

  it('says why a viewer cannot change it', async () => {
    renderConsent(false);
    const box = await screen.findByRole('checkbox', { name: /install the releases/ });
    expect(box.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Only an administrator can change agent updates.')).toBeTruthy();
  });
});
