import { describe, expect, it } from 'vitest';
import { EMPTY_TARGET_FORM, targetFormProblem, targetInputs } from './target-form';

describe('update target form', () => {
  it('names what is missing before it can be saved', () => {
    expect(targetFormProblem({ ...EMPTY_TARGET_FORM, scope: 'customer' }, [])).toBe(
      'Choose a customer.',
    );
    expect(targetFormProblem({ ...EMPTY_TARGET_FORM, scope: 'agents' }, [])).toBe(
      'Choose at least one agent.',
    );
    expect(targetFormProblem({ ...EMPTY_TARGET_FORM, version: '9.9.9' }, ['1.0.0'])).toBe(
      'Release 9.9.9 is not published.',
    );
    for (const rolloutPercent of ['', '101', '-1', '12.5'])
      expect(targetFormProblem({ ...EMPTY_TARGET_FORM, rolloutPercent }, [])).toBe(
        'The rollout share is a whole number from 0 to 100 %.',
      );
    expect(targetFormProblem({ ...EMPTY_TARGET_FORM, rolloutPercent: '50' }, [])).toBeNull();
  });

  it('sets one target per scope, one per named agent', () => {
    const form = { ...EMPTY_TARGET_FORM, version: '1.1.0', rolloutPercent: '50' };
    expect(targetInputs(form)).toEqual([
      { channel: 'STABLE', version: '1.1.0', rolloutPercent: 50, allowDowngrade: false },
    ]);
    expect(targetInputs({ ...form, scope: 'customer', customerId: 'c1' })).toEqual([
      {
        channel: 'STABLE',
        version: '1.1.0',
        rolloutPercent: 50,
        allowDowngrade: false,
        customerId: 'c1',
      },
    ]);
    expect(
      targetInputs({
        ...EMPTY_TARGET_FORM,
        scope: 'agents',
        agentIds: ['a1', 'a2'],
        allowDowngrade: true,
      }).map((input) => [input.agentId, input.version, input.allowDowngrade]),
    ).toEqual([
      ['a1', null, true],
      ['a2', null, true],
    ]);
  });
});
