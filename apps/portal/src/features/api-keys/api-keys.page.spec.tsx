import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection, renderWithCentral } from '../../test-support/fake-central';
import { ApiKeysPage } from './api-keys.page';
import { expiryOf } from './api-key-state';

const base = {
  prefix: 'pb_x',
  scopes: ['METERS_READ'],
  createdAt: '2026-01-01T00:00:00Z',
  lastUsedAt: null,
};

const keys = [
  { ...base, id: 'k1', name: 'Billing', revokedAt: null, expiresAt: null },
  { ...base, id: 'k2', name: 'Old ERP', revokedAt: '2026-02-01T00:00:00Z', expiresAt: null },
  { ...base, id: 'k3', name: 'Trial', revokedAt: null, expiresAt: '2026-03-01T00:00:00Z' },
  { ...base, id: 'k4', name: 'Reports', revokedAt: null, expiresAt: '2999-01-01T00:00:00Z' },
];

function renderPage() {
  return renderWithCentral(<ApiKeysPage />, {
    ApiKeys: () => ({ data: { apiKeys: connection('ApiKey', keys) } }),
  });
}

describe('API keys page', () => {
  it('offers Revoke only for keys that still work', async () => {
    renderPage();
    const table = await screen.findByRole('table');
    const rowOf = (name: string) =>
      within(table)
        .getAllByRole('row')
        .find((row) => row.textContent?.includes(name)) as HTMLElement;
    expect(within(rowOf('Billing')).getByRole('button', { name: 'Revoke Billing' })).toBeTruthy();
    expect(within(rowOf('Reports')).getByRole('button', { name: 'Revoke Reports' })).toBeTruthy();
    expect(within(rowOf('Old ERP')).queryByRole('button')).toBeNull();
    expect(rowOf('Old ERP').textContent).toContain('Revoked');
    expect(within(rowOf('Trial')).queryByRole('button')).toBeNull();
    expect(rowOf('Trial').textContent).toContain('Expired');
  });

  it('says why a new key cannot be created yet', async () => {
    renderPage();
    await screen.findByRole('table');
    const form = screen.getByRole('form', { name: 'New API key' });
    const submit = within(form).getByRole<HTMLButtonElement>('button', {
      name: 'Create API key',
    });
    expect(submit.disabled).toBe(false);

    fireEvent.click(within(form).getByRole('checkbox', { checked: true }));
    expect(submit.disabled).toBe(true);
    expect(within(form).getByText('Choose at least one scope.')).toBeTruthy();

    fireEvent.click(within(form).getAllByRole('checkbox')[0] as HTMLElement);
    fireEvent.change(within(form).getByLabelText('Expires on (optional)'), {
      target: { value: '2020-01-31' },
    });
    expect(submit.disabled).toBe(true);
    expect(within(form).getByText(/The expiry date is in the past/)).toBeTruthy();
  });
});

describe('expiryOf', () => {
  it('is the end of the chosen local day, or null for never', () => {
    const end = expiryOf('2026-05-31');
    expect([end?.getFullYear(), end?.getMonth(), end?.getDate(), end?.getHours()]).toEqual([
      2026, 4, 31, 23,
    ]);
    expect(expiryOf('')).toBeNull();
  });
});
