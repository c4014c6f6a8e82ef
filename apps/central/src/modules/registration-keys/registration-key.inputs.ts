import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

const MAX_LIFETIME_MS = 365 * 24 * 3600_000;

@InputType()
export class CreateRegistrationKeyInput {
  static readonly schema = z.object({
    customerId: idSchema,
    siteId: idSchema,
    name: z.string().trim().min(1).max(200).nullish(),
    expiresAt: z
      .date()
      .refine((date) => date.getTime() > Date.now(), { error: 'must be in the future' })
      .refine((date) => date.getTime() <= Date.now() + MAX_LIFETIME_MS, {
        error: 'must be within a year',
      })
      .nullish(),
    maxUses: z
      .number()
      .int()
      .min(1, { error: 'must be between 1 and 100000' })
      .max(100_000, { error: 'must be between 1 and 100000' })
      .nullish(),
  });

  @Field(() => ID)
  customerId: string;

  @Field(() => ID)
  siteId: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Date, { nullable: true, description: 'Default: 7 days from now.' })
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Default: unlimited until expiry.' })
  maxUses?: number | null;
}

@ArgsType()
export class RegistrationKeysArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    customerId: idSchema.nullish(),
  });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;
}
