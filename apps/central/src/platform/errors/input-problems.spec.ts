import { z } from 'zod';
import { IdPipe } from '../graphql/id.pipe.js';
import { validated } from '../graphql/validated-args.js';
import { BadUserInputError } from './domain.errors.js';
import { describeProblems } from './input-problems.js';
import { ZodInputPipe } from './zod-input.pipe.js';

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).message;
  }
  throw new Error('expected a BadUserInputError');
}

class RangeInput {
  static readonly schema = z
    .object({
      name: z.string().trim().min(1).max(5),
      tags: z.array(z.string()).max(2).optional(),
      from: z.date(),
      to: z.date(),
    })
    .refine((value) => value.from < value.to, { error: 'from must be before to', path: ['to'] });
}

describe('input problems as sentences', () => {
  it('says which id is wrong without repeating the field', () => {
    expect(messageOf(() => new IdPipe().transform('42'))).toBe('Invalid id: must be an id.');
  });

  it('puts the field before a predicate and keeps whole clauses as they are', () => {
    expect(
      describeProblems('Invalid input', [
        { field: 'input.name', message: 'must not be empty' },
        { field: 'to', message: 'from must be before to' },
      ]),
    ).toBe('Invalid input: name must not be empty; from must be before to.');
    expect(describeProblems('Invalid cursor', [])).toBe('Invalid cursor.');
    expect(
      describeProblems('Invalid input', [
        {
          field: 'input.config.snmp.1.context',
          message: 'Too big: expected at most 32 characters',
        },
      ]),
    ).toBe('Invalid input: config.snmp.1.context: Too big: expected at most 32 characters.');
  });

  it("words zod's own checks as predicates after the field name", () => {
    const pipe = new ZodInputPipe();
    const metadata = { type: 'body' as const, metatype: RangeInput, data: 'input' };
    expect(
      messageOf(() =>
        pipe.transform(
          { name: 'toolong', tags: ['a', 'b', 'c'], from: new Date(2), to: new Date(1) },
          metadata,
        ),
      ),
    ).toBe('Invalid input: name must be at most 5 characters; tags must be at most 2 items.');
    expect(messageOf(() => pipe.transform({ name: ' ', from: 1, to: new Date() }, metadata))).toBe(
      'Invalid input: name must not be empty; from must be a date.',
    );
    expect(
      messageOf(() => pipe.transform({ name: 'ok', from: new Date(2), to: new Date(1) }, metadata)),
    ).toBe('Invalid input: from must be before to.');
  });

  it("keeps a schema's own message", () => {
    const schema = z.object({ email: z.email({ error: 'must be an e-mail address' }) });
    expect(messageOf(() => validated(schema, { email: 'nope' }))).toBe(
      'Invalid input: email must be an e-mail address.',
    );
    expect(messageOf(() => validated(schema, {}))).toBe(
      'Invalid input: email must be an e-mail address.',
    );
  });
});
