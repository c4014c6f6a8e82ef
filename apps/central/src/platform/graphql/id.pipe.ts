import { Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { invalidInput } from '../errors/input-problems.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ID arguments are UUIDs; anything else is bad input, not a database error. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw invalidInput('Invalid id', [{ field: 'id', message: 'must be an id' }]);
    }
    return value.toLowerCase();
  }
}

/** The same rule for ids inside input objects. */
export const idSchema = z
  .string({ error: 'must be an id' })
  .regex(UUID, { error: 'must be an id' })
  .transform((id) => id.toLowerCase());
