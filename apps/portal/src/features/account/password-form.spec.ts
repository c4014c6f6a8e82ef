// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { passwordFormProblems } from './password-form';

const valid = { current: 'old password 123', next: 'a brand new password', confirm: '' };
valid.confirm = valid.next;

describe('change-password form validation', () => {
  it('accepts a filled form with a long enough, confirmed, different password', () => {
    expect(passwordFormProblems(valid)).toEqual({});
  });

  it('asks for the current password', () => {
    expect(passwordFormProblems({ ...valid, current: '' })).toEqual({
      current: 'Enter your current password.',
    });
  });

  it('refuses a new password under 12 characters, as central does', () => {
    const short = 'elevenchars';
    expect(passwordFormProblems({ ...valid, next: short, confirm: short })).toEqual({
      next: 'Use at least 12 characters.',
    });
    const twelve = 'twelve chars';
    expect(passwordFormProblems({ ...valid, next: twelve, confirm: twelve })).toEqual({});
  });

  it('refuses the current password as the new one', () => {
    expect(passwordFormProblems({ ...valid, next: valid.current, confirm: valid.current })).toEqual(
      { next: 'Choose a password different from the current one.' },
    );
  });

  it('refuses a confirmation that differs from the new password', () => {
    expect(passwordFormProblems({ ...valid, confirm: `${valid.next}!` })).toEqual({
      confirm: 'The two new passwords differ.',
    });
  });
});
