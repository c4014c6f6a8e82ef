import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithCentral } from '../../test-support/fake-central';
import { TenantMasking } from './tenant-masking';

describe('tenant masking', () => {
  it('saves a changed group for all customers and shows it saved', async () => {
    let settings = {
      __typename: 'MaskingSettings',
      ip: 'SEND',
      mac: 'SEND',
      hostname: 'SEND',
      contactLocation: 'SEND',
    };
    const { requests } = renderWithCentral(<TenantMasking />, {
      MaskingSettings: () => ({ data: { maskingSettings: settings } }),
      UpdateMaskingSettings: (variables) => {
        settings = { ...settings, ...(variables['input'] as object) };
        return { data: { updateMaskingSettings: settings } };
      },
    });
    const form = await screen.findByRole('form', { name: 'Masking for all customers' });
    fireEvent.click(
      within(within(form).getByRole('group', { name: 'Host names' })).getByLabelText('Keyed hash'),
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Save masking' }));
    await screen.findByText('Saved.');
    expect(requests.filter((r) => r.operation === 'UpdateMaskingSettings')).toEqual([
      { operation: 'UpdateMaskingSettings', variables: { input: { hostname: 'HASH' } } },
    ]);
    expect(
      within(within(form).getByRole('group', { name: 'Host names' }))
        .getByLabelText('Keyed hash')
        .matches(':checked'),
    ).toBe(true);
  });
});
