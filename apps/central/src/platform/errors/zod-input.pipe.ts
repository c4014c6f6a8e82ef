import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { inputIssueMessage, invalidInput, problemsOf } from './input-problems.js';

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
    const result = schema.safeParse(value, { error: inputIssueMessage });
    if (result.success) return result.data;
    throw invalidInput('Invalid input', problemsOf(result.error, metadata.data));
  }
}
