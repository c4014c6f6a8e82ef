import { z } from 'zod';
import { BadUserInputError } from './domain.errors.js';
import { ZodInputPipe } from './zod-input.pipe.js';

class ExampleInput {
  static readonly schema = z.object({
    email: z.string().trim().toLowerCase().email({ error: 'must be an email address' }),
    name: z.string().min(1),
  });
}

describe('ZodInputPipe', () => {
  const pipe = new ZodInputPipe();

  it('normalises valid input', () => {
    expect(
      pipe.transform(
        { email: '  Ann@Example.COM ', name: 'Ann' },
        { type: 'body', metatype: ExampleInput, data: 'input' },
      ),
    ).toEqual({
      email: 'ann@example.com',
      name: 'Ann',
    });
  });

  it('reports every bad field as BAD_USER_INPUT', () => {
    try {
      pipe.transform(
        { email: 'nope', name: '' },
        { type: 'body', metatype: ExampleInput, data: 'input' },
      );
      throw new Error('expected a BadUserInputError');
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).problems.map((problem) => problem.field)).toEqual([
        'input.email',
        'input.name',
      ]);
    }
  });

  it('passes through arguments without a schema', () => {
    expect(pipe.transform('abc', { type: 'custom', metatype: String, data: 'id' })).toBe('abc');
  });
});
