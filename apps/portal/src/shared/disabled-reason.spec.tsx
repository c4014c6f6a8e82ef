import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReasonedButton } from './disabled-reason';

describe('ReasonedButton', () => {
  it('says why it is disabled, next to it and as its description', () => {
    render(
      <ReasonedButton type="submit" reason="Choose at least one scope.">
        Create API key
      </ReasonedButton>,
    );
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Create API key' });
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).not.toBeNull();
    expect(
      document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toBe('Choose at least one scope.');
  });

  it('is enabled without a reason, and busy only while a request runs', () => {
    const { rerender } = render(<ReasonedButton reason={null}>Save</ReasonedButton>);
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Save' });
    expect(button.disabled).toBe(false);
    expect(button.hasAttribute('aria-describedby')).toBe(false);
    rerender(
      <ReasonedButton reason={null} busy>
        Save
      </ReasonedButton>,
    );
    expect(button.disabled).toBe(true);
    expect(document.querySelector('.disabled-reason')).toBeNull();
  });
});
