import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { UserRole } from '../../platform/auth/user-role.enum.js';
import { idSchema } from '../../platform/graphql/id.pipe.js';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email({ error: 'must be an email address' })
  .max(320);
export const passwordSchema = z
  .string()
  .min(12, { error: 'must be at least 12 characters long' })
  .max(1024, { error: 'must be at most 1024 characters long' });
export const personNameSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(200);

@InputType()
export class CreateUserInput {
  static readonly schema = z.object({
    email: emailSchema,
    name: personNameSchema,
    password: passwordSchema.nullish(),
    role: z.enum(UserRole),
    customerId: idSchema.nullish(),
  });

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => String, {
    nullable: true,
    description:
      'At least 12 characters; the user should change it on first sign-in. Leave it out to invite the user by e-mail instead (needs SMTP: see `mailDelivery`).',
  })
  password?: string | null;

  @Field(() => UserRole)
  role: UserRole;

  @Field(() => ID, {
    nullable: true,
    description: 'Required for CUSTOMER_ADMIN and CUSTOMER_VIEWER, forbidden otherwise.',
  })
  customerId?: string | null;
}

@InputType()
export class ChangeMyPasswordInput {
  static readonly schema = z.object({
    currentPassword: z
      .string()
      .min(1, { error: 'must not be empty' })
      .max(1024, { error: 'must be at most 1024 characters long' }),
    newPassword: passwordSchema,
  });

  @Field()
  currentPassword: string;

  @Field({ description: 'At least 12 characters, different from the current one.' })
  newPassword: string;
}

@InputType()
export class RequestEmailChangeInput {
  static readonly schema = z.object({
    newEmail: emailSchema,
    currentPassword: z
      .string()
      .min(1, { error: 'must not be empty' })
      .max(1024, { error: 'must be at most 1024 characters long' }),
  });
  @Field({ description: 'Becomes the user’s address once the link sent there is followed.' })
  newEmail: string;
  @Field()
  currentPassword: string;
}

@ArgsType()
export class RequestPasswordResetArgs {
  static readonly schema = z.object({ email: emailSchema });
  @Field()
  email: string;
}

export const linkTokenSchema = z.string().min(1, { error: 'is required' }).max(200);

@ArgsType()
export class SetPasswordByLinkArgs {
  static readonly schema = z.object({ token: linkTokenSchema, newPassword: passwordSchema });
  @Field({ description: 'The token of the e-mailed link.' })
  token: string;
  @Field({ description: 'At least 12 characters.' })
  newPassword: string;
}

@ArgsType()
export class ConfirmEmailChangeArgs {
  static readonly schema = z.object({ token: linkTokenSchema });
  @Field({ description: 'The token of the link sent to the new address.' })
  token: string;
}
