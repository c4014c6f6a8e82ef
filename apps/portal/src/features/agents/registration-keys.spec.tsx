import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection, renderWithCentral } from '../../test-support/fake-central';
import { RegistrationKeys } from './agents.page';

const base = {
  customerId: 'c1',
  siteId: 's1',
  prefix: 'pbr_x',
  maxUses: null,
  useCount: 0,
  lastUsedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
};

const keys = [
  { ...base, id: 'r1', name: 'Live', revokedAt: null, expiresAt: '2999-01-01T00:00:00Z' },
  { ...base, id: 'r2', name: 'Lapsed', revokedAt: null, expiresAt: '2026-01-02T00:00:00Z' },
  {
    ...base,
    id: 'r3',
    name: 'Spent',
    revokedAt: null,
    expiresAt: '2999-01-01T00:00:00Z',
    maxUses: 1,
    useCount: 1,
  },
  {
    ...base,
    id: 'r4',
    name: 'Pulled',
    revokedAt: '2026-01-03T00:00:00Z',
    expiresAt: '2999-01-01T00:00:00Z',
  },
];

function renderKeys(sites: { id: string; name: string }[]) {
  return renderWithCentral(<RegistrationKeys customerId="c1" fixedCustomerId="c1" />, {
    RegistrationKeys: () => ({ data: { registrationKeys: connection('RegistrationKey', keys) } }),
    SiteOptions: () => ({ data: { sites: connection('Site', sites) } }),
    SiteName: () => ({ data: { site: { __typename: 'Site', id: 's1', name: 'HQ' } } }),
  });
}

describe('registration keys', () => {
  it('offers Revoke only for a key that can still enroll agents', async () => {
    renderKeys([{ id: 's1', name: 'HQ' }]);
    const table = await screen.findByRole('table');
    const buttons = within(table).getAllByRole('button');
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      'Revoke registration key Live',
    ]);
    expect(table.textContent).toContain('Expired');
    expect(table.textContent).toContain('Used up');
    expect(table.textContent).toContain('Revoked');
  });

  it('says a site is needed, with a link to create one when the customer has none', async () => {
    renderKeys([]);
    const form = screen.getByRole('form', { name: 'New registration key' });
    const link = await within(form).findByRole('link', { name: 'create one' });
    expect(link.getAttribute('href')).toBe('/customers/c1#new-site');
    expect(within(form).getByLabelText<HTMLSelectElement>('Site').disabled).toBe(true);
    const submit = within(form).getByRole('button', { name: 'Create registration key' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    expect(within(form).getByText('Choose the site the agent will run at.')).toBeTruthy();
  });
});
