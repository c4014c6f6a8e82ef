import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithCentral } from '../../test-support/fake-central';
import { CustomerMasking } from './customer-masking';

const modes = (over: Record<string, string> = {}) => ({
  __typename: 'MaskingSettings',
  ip: 'SEND',
  mac: 'SEND',
  hostname: 'SEND',
  contactLocation: 'SEND',
  ...over,
});

function renderMasking(canChange: boolean) {
  let customer = modes({ mac: 'HASH' });
  const tenant = modes({ hostname: 'WITHHOLD', mac: 'SEND' });
  const settings = () => ({
    __typename: 'CustomerMaskingSettings',
    customerId: 'c1',
    customer,
    tenant,
    effective: modes(),
  });
  return renderWithCentral(<CustomerMasking customerId="c1" canChange={canChange} />, {
    CustomerMaskingSettings: () => ({ data: { customerMaskingSettings: settings() } }),
    UpdateCustomerMaskingSettings: (variables) => {
      const { customerId: _customerId, ...changes } = variables['input'] as Record<string, string>;
      customer = { ...customer, ...changes };
      return { data: { updateCustomerMaskingSettings: settings() } };
    },
  });
}

describe('customer masking', () => {
  it('shows per group the stricter of dealer and customer, and who decided it', async () => {
    renderMasking(true);
    expect((await screen.findByTestId('effective-hostname')).textContent).toBe(
      'Withholdthe dealer',
    );
    expect(screen.getByTestId('effective-mac').textContent).toBe('Keyed hashthe customer');
    expect(screen.getByTestId('effective-ip').textContent).toBe('Sendnobody masks it');
    expect(screen.getByText(/agent's local file each can only make masking stricter/)).toBeTruthy();
  });

  it('saves only the changed group and shows the new outcome', async () => {
    const { requests } = renderMasking(true);
    const save = await screen.findByRole('button', { name: 'Save masking' });
    expect(save.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('No changes to save.')).toBeTruthy();
    const ip = screen.getByRole('group', { name: 'IP addresses' });
    fireEvent.click(within(ip).getByLabelText('Withhold'));
    fireEvent.click(save);
    await screen.findByText('Saved.');
    expect(
      requests.find((r) => r.operation === 'UpdateCustomerMaskingSettings')?.variables,
    ).toEqual({ input: { customerId: 'c1', ip: 'WITHHOLD' } });
    await waitFor(() =>
      expect(screen.getByTestId('effective-ip').textContent).toBe('Withholdthe customer'),
    );
  });

  it('says why a viewer cannot change it', async () => {
    renderMasking(false);
    expect(await screen.findByText('Only an administrator can change masking.')).toBeTruthy();
    const ip = screen.getByRole('group', { name: 'IP addresses' });
    expect(within(ip).getByLabelText('Withhold').hasAttribute('disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save masking' })).toBeNull();
  });
});
