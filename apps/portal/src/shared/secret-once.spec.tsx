import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SecretOnce, SecretValue } from './secret-once';

function renderPanel(onDone = vi.fn()) {
  render(
    <SecretOnce title="API key “Billing” created" doneLabel="I have stored the key" onDone={onDone}>
      <p>It is shown only this once.</p>
      <SecretValue label="API key" value="pb_secret_1" />
      <SecretValue
        label="Enroll command"
        hideLabel
        value="enroll --key pb_secret_1"
        copyLabel="Copy command"
      />
    </SecretOnce>,
  );
  return onDone;
}

describe('SecretOnce', () => {
  it('is a region named by its title, at the heading level asked for', () => {
    renderPanel();
    const region = screen.getByRole('region', { name: 'API key “Billing” created' });
    expect(region.querySelector('h2')?.textContent).toBe('API key “Billing” created');
    expect(region.textContent).toContain('It is shown only this once.');

    render(
      <SecretOnce
        title="Registration key created"
        headingLevel={3}
        doneLabel="Done"
        onDone={vi.fn()}
      >
        <SecretValue label="Registration key" value="pbr_1" />
      </SecretOnce>,
    );
    const nested = screen.getByRole('region', { name: 'Registration key created' });
    expect(nested.querySelector('h3')).not.toBeNull();
    expect(nested.querySelector('h2')).toBeNull();
  });

  it('labels each value, hidden labels included, and keeps the values read-only', () => {
    renderPanel();
    const secret = screen.getByLabelText<HTMLInputElement>('API key');
    const command = screen.getByLabelText<HTMLInputElement>('Enroll command');
    expect(secret.value).toBe('pb_secret_1');
    expect(secret.readOnly).toBe(true);
    expect(command.value).toBe('enroll --key pb_secret_1');
    expect(secret.id).not.toBe(command.id);
    expect(screen.getByText('Enroll command').classList.contains('visually-hidden')).toBe(true);
    expect(screen.getByText('API key').classList.contains('visually-hidden')).toBe(false);
  });

  it('selects the whole value on focus so it can be copied by hand', () => {
    renderPanel();
    const secret = screen.getByLabelText<HTMLInputElement>('API key');
    fireEvent.focus(secret);
    expect([secret.selectionStart, secret.selectionEnd]).toEqual([0, 'pb_secret_1'.length]);
  });

  it('copies each value with its own button', async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(writeText).toHaveBeenLastCalledWith('enroll --key pb_secret_1');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenLastCalledWith('pb_secret_1');
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((status) => status.textContent)).toEqual([
        'Copied',
        'Copied',
      ]),
    );
  });

  it('calls onDone from its done button', () => {
    const onDone = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'I have stored the key' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
