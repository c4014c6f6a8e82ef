import type { ZodType } from 'zod';
import { BadUserInputError } from '../errors/domain.errors.js';

/**
 * Field-resolver arguments may not pass the global validation pipe, so their bounds are
 * enforced here too (parsing twice is harmless: the schemas are idempotent).
 */
export function validated<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: issue.message,
  }));
  throw new BadUserInputError(
    `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    problems,
  );
}
