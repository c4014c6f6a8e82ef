import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorState } from './states';

function inputError(message: string, problems: { field: string; message: string }[]) {
  return new CombinedGraphQLErrors({
    errors: [{ message, extensions: { code: 'BAD_USER_INPUT', problems } }],
  });
}

describe('ErrorState', () => {
  it("shows central's input error as one sentence, not the field list again", () => {
    render(
      <ErrorState
        error={inputError('Invalid id: must be an id.', [
          { field: 'id', message: 'must be an id' },
        ])}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Invalid id: must be an id.');
    expect(alert.querySelector('ul')).toBeNull();
  });

  it('lists a problem the message does not already name', () => {
    render(
      <ErrorState
        error={inputError('Which dealer?', [
          { field: 'tenantSlug', message: 'is required for this account' },
        ])}
      />,
    );
    expect(screen.getByRole('listitem').textContent).toBe(
      'tenantSlug is required for this account',
    );
  });
});
