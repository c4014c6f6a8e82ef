import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection, renderWithCentral } from '../../test-support/fake-central';
import { WebhooksPage } from './webhooks.page';

describe('webhooks page', () => {
  it('says an endpoint needs an event before it can be created', async () => {
    renderWithCentral(<WebhooksPage />, {
      WebhookEndpoints: () => ({ data: { webhookEndpoints: connection('WebhookEndpoint', []) } }),
    });
    const form = await screen.findByRole('form', { name: 'New webhook endpoint' });
    const submit = within(form).getByRole<HTMLButtonElement>('button', {
      name: 'Create endpoint',
    });
    expect(submit.disabled).toBe(false);
    expect(within(form).queryByText('Choose at least one event to send.')).toBeNull();

    for (const box of within(form).getAllByRole<HTMLInputElement>('checkbox'))
      if (box.checked) fireEvent.click(box);
    expect(submit.disabled).toBe(true);
    expect(submit.getAttribute('aria-describedby')).not.toBeNull();
    expect(within(form).getByText('Choose at least one event to send.')).toBeTruthy();
  });
});
