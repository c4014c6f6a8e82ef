import { Field, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { emailSchema, passwordSchema, personNameSchema } from '../users/user.inputs.js';

@InputType()
export class TenantAdminInput {
  static readonly schema = z.object({
    email: emailSchema,
    name: personNameSchema,
    password: passwordSchema,
  });

  @Field()
  email: string;

  @Field()
  name: string;

  @Field({ description: 'At least 12 characters.' })
  password: string;
}

@InputType()
export class CreateTenantInput {
  static readonly schema = z.object({
    name: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
        error: 'must be 1–63 lower-case letters, digits or inner hyphens',
      }),
    admin: TenantAdminInput.schema,
  });

  @Field()
  name: string;

  @Field()
  slug: string;

  @Field(() => TenantAdminInput)
  admin: TenantAdminInput;
}
