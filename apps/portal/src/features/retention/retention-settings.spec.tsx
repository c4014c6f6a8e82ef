import { fireEvent, screen, within } from '@testing-library/react';
import { DEFAULT_RETENTION } from '@printbeat/domain';
import { describe, expect, it } from 'vitest';
import { renderWithCentral } from '../../test-support/fake-central';
import { RetentionSettings } from './retention-settings';

const answer = (settings: object) => ({
  data: { retentionSettings: { __typename: 'RetentionSettings', ...settings } },
});

describe('retention settings', () => {
  it('shows the values with defaults and ranges, and saves a changed one', async () => {
    let settings = { ...DEFAULT_RETENTION, auditRetentionYears: 4 };
    const { requests } = renderWithCentral(<RetentionSettings canChange />, {
      RetentionSettings: () => answer(settings),
      UpdateRetentionSettings: (variables) => {
        settings = { ...settings, ...(variables['input'] as object) };
        return {
          data: { updateRetentionSettings: { __typename: 'RetentionSettings', ...settings } },
        };
      },
    });
    const form = await screen.findByRole('form', { name: 'Data retention' });
    const audit = within(form).getByLabelText('Audit events (years)');
    expect(audit).toHaveProperty('value', '4');
    expect(audit.getAttribute('aria-invalid')).toBeNull();
    within(form).getByText(/Who changed what, when\. Default 3 years; 1 to 50 years\./);
    const save = within(form).getByRole('button', { name: 'Save retention' });
    expect(save).toHaveProperty('disabled', true);
    within(form).getByText('No changes to save.');

    fireEvent.change(within(form).getByLabelText('Raw upload archives (days)'), {
      target: { value: '30' },
    });
    expect(save).toHaveProperty('disabled', false);
    fireEvent.click(save);
    await screen.findByText('Saved.');
    expect(requests.filter((r) => r.operation === 'UpdateRetentionSettings')).toEqual([
      { operation: 'UpdateRetentionSettings', variables: { input: { uploadRetentionDays: 30 } } },
    ]);
    expect(within(form).getByLabelText('Raw upload archives (days)')).toHaveProperty('value', '30');
  });

  it('marks a value out of range only once typed, and the disabled Save names the range', async () => {
    renderWithCentral(<RetentionSettings canChange />, {
      RetentionSettings: () => answer(DEFAULT_RETENTION),
    });
    const form = await screen.findByRole('form', { name: 'Data retention' });
    const grace = within(form).getByLabelText('Grace period before a customer is deleted (days)');
    fireEvent.change(grace, { target: { value: '400' } });
    expect(grace.getAttribute('aria-invalid')).toBe('true');
    // The browser's own check (`:user-invalid`, a red border once typed) knows the range too.
    expect([grace.getAttribute('min'), grace.getAttribute('max')]).toEqual(['1', '365']);
    const message =
      'Grace period before a customer is deleted: enter a whole number of days from 1 to 365.';
    expect(within(form).getAllByText(message)).toHaveLength(2);
    expect(within(form).getByRole('button', { name: 'Save retention' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it("shows central's refusal as a sentence", async () => {
    renderWithCentral(<RetentionSettings canChange />, {
      RetentionSettings: () => answer(DEFAULT_RETENTION),
      UpdateRetentionSettings: () => ({
        errors: [
          {
            message: 'Only a dealer administrator may do this.',
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      }),
    });
    const form = await screen.findByRole('form', { name: 'Data retention' });
    fireEvent.change(within(form).getByLabelText('Audit events (years)'), {
      target: { value: '10' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save retention' }));
    expect((await within(form).findByRole('alert')).textContent).toContain(
      'You do not have access to this.',
    );
    expect(screen.queryByText('Saved.')).toBeNull();
  });

  it('is read-only without the right to change it', async () => {
    renderWithCentral(<RetentionSettings canChange={false} />, {
      RetentionSettings: () => answer(DEFAULT_RETENTION),
    });
    const form = await screen.findByRole('form', { name: 'Data retention' });
    expect(within(form).queryByRole('spinbutton')).toBeNull();
    expect(within(form).queryByRole('button')).toBeNull();
    within(form).getByText('90 days');
    within(form).getByText('Only a dealer administrator can change retention.');
  });
});
