import type { z } from 'zod';
import { BadUserInputError, type FieldProblem } from './domain.errors.js';

/**
 * Default wording for zod issues a schema gave no message of its own, as predicates that
 * follow the field name ("name must be at most 100 characters"). Passed per parse, so a
 * schema's own `error` still wins.
 */
export const inputIssueMessage = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'is required'
        : `must be ${article(issue.expected)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${unitOf(issue.origin, issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be at least ${String(issue.minimum)}${unitOf(issue.origin, issue.minimum)}`;
    case 'invalid_format':
      return `must be a valid ${issue.format === 'email' ? 'e-mail address' : issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `has unknown fields ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
      return undefined;
  }
};

function article(type: string): string {
  return /^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`;
}

function unitOf(origin: string, limit: unknown): string {
  const plural = Number(limit) === 1 ? '' : 's';
  switch (origin) {
    case 'string':
      return ` character${plural}`;
    case 'array':
    case 'set':
      return ` item${plural}`;
    default:
      return '';
  }
}

/** The field problems of a failed parse; `prefix` is the argument name, if any. */
export function problemsOf(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path]
      .filter((part) => part !== undefined && part !== '')
      .map(String)
      .join('.'),
    message: issue.message,
  }));
}

const PREDICATE = /^(must|is|are|has|have|cannot|can|should|may|does|do)\b/;

/**
 * One sentence for a person: "Invalid input: name must not be empty; from must be before to."
 * A problem whose message is only a predicate gets its field name in front, any other message
 * that does not name its field gets "field: " (a library's own wording); the field is left out
 * where the subject already names it ("Invalid id: must be an id.").
 */
export function describeProblems(subject: string, problems: readonly FieldProblem[]): string {
  if (problems.length === 0) return `${subject}.`;
  const parts = problems.map(({ field, message }) => {
    const name = field.replace(/^input\./, '');
    if (!name || subject.toLowerCase().endsWith(` ${name.toLowerCase()}`)) return message;
    if (PREDICATE.test(message)) return `${name} ${message}`;
    return message.toLowerCase().includes(name.toLowerCase()) ? message : `${name}: ${message}`;
  });
  const text = `${subject}: ${parts.join('; ')}`;
  return text.endsWith('.') ? text : `${text}.`;
}

/** BAD_USER_INPUT whose message lists every problem as one sentence. */
export function invalidInput(
  subject: string,
  problems: readonly FieldProblem[],
): BadUserInputError {
  return new BadUserInputError(describeProblems(subject, problems), problems);
}
