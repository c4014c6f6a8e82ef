import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { BadUserInputError } from './domain.errors.js';

/** An input class that declares its validation: `static readonly schema = z.object(...)`. */
export type ValidatedInput = { schema: ZodType };

/**
 * Global pipe: any argument whose class carries a static zod `schema` is validated (and
 * normalised, e.g. trimmed, lower-cased email) before the handler runs; failures become
 * BAD_USER_INPUT listing each field, so nothing is written.
 */
@Injectable()
export class ZodInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = (metadata.metatype as Partial<ValidatedInput> | undefined)?.schema;
    if (!schema) return value;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => ({
      field: [metadata.data, ...issue.path]
        .filter((part) => part !== undefined && part !== '')
        .join('.'),
      message: issue.message,
    }));
    throw new BadUserInputError(
      `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      problems,
    );
  }
}
