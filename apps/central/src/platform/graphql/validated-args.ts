import type { ZodType } from 'zod';
import { inputIssueMessage, invalidInput, problemsOf } from '../errors/input-problems.js';

/**
 * Field-resolver arguments may not pass the global validation pipe, so their bounds are
 * enforced here too (parsing twice is harmless: the schemas are idempotent).
 */
export function validated<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value, { error: inputIssueMessage });
  if (result.success) return result.data;
  throw invalidInput('Invalid input', problemsOf(result.error));
}
