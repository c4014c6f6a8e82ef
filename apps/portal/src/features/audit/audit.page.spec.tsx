import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection, renderWithCentral } from '../../test-support/fake-central';
import { AuditPage } from './audit.page';

const event = (fields: Record<string, unknown>) => ({
  occurredAt: '2026-03-02T10:00:00Z',
  actorKind: 'USER',
  actorId: null,
  actorName: null,
  actorEmail: null,
  targetType: 'Customer',
  targetId: 'c0ffee00-0000',
  outcome: 'SUCCESS',
  routine: false,
  ...fields,
});

const EVENTS = [
  event({
    id: 'e1',
    action: 'customer.create',
    actorId: 'u-ann',
    actorName: 'Ann Admin',
    actorEmail: 'ann@dealer.test',
  }),
  event({
    id: 'e2',
    action: 'meters.export',
    actorKind: 'API_KEY',
    actorId: 'k1',
    actorName: 'billing',
  }),
  event({ id: 'e3', action: 'customer.update', actorId: 'u-gone-1234567' }),
];

function renderAudit(path: string) {
  return renderWithCentral(
    <AuditPage />,
    { AuditEvents: () => ({ data: { auditEvents: connection('AuditEvent', EVENTS) } }) },
    path,
  );
}

describe('audit page', () => {
  it('shows actors by name and e-mail, and the start of the id when it has no name', async () => {
    renderAudit('/audit');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toContain('Ann Admin ann@dealer.test');
    expect(rows[1]?.textContent).toContain('billing (API key)');
    expect(rows[2]?.textContent).toContain('User u-gone-1');
  });

  it('sends the filters of the URL and keeps new ones in it', async () => {
    const { requests, router } = renderAudit('/audit?action=customer.&from=2026-03-01');
    await screen.findByRole('table');
    expect(requests.at(-1)?.variables).toMatchObject({
      action: 'customer.',
      from: new Date(2026, 2, 1).toISOString(),
      to: null,
      includeRoutine: false,
    });
    fireEvent.click(screen.getByLabelText(/Show routine agent traffic/));
    await waitFor(() => expect(requests.at(-1)?.variables['includeRoutine']).toBe(true));
    expect(router.state.location.search).toBe('?action=customer.&from=2026-03-01&routine=1');

    fireEvent.click(screen.getByRole('link', { name: 'Only events by Ann Admin' }));
    await waitFor(() => expect(requests.at(-1)?.variables['actorId']).toBe('u-ann'));
    expect(new URLSearchParams(router.state.location.search).get('actorKind')).toBe('USER');
    expect((await screen.findByText(/Only events by user/)).textContent).toContain('Ann Admin');
  });

  it('says the days are reversed instead of asking central', async () => {
    const { requests } = renderAudit('/audit?from=2026-03-05&to=2026-03-01');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /"from" day is after the "to" day/,
    );
    expect(requests).toEqual([]);
  });
});
