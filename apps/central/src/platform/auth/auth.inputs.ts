import { ArgsType, Field } from '@nestjs/graphql';
import { z } from 'zod';

@ArgsType()
export class SignInArgs {
  static readonly schema = z.object({
    email: z.string().trim().toLowerCase().email({ error: 'must be an email address' }).max(320),
    password: z.string().min(1, { error: 'is required' }).max(1024),
    tenantSlug: z.string().trim().min(1).max(100).nullish(),
  });

  @Field()
  email: string;

  @Field()
  password: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only needed when one email belongs to users of several dealers.',
  })
  tenantSlug?: string | null;
}

@ArgsType()
export class RefreshSessionArgs {
  static readonly schema = z.object({
    refreshToken: z.string().min(1, { error: 'is required' }).max(200),
  });

  @Field()
  refreshToken: string;
}

@ArgsType()
export class SignOutArgs {
  static readonly schema = z.object({
    refreshToken: z.string().max(200).nullish(),
  });

  @Field(() => String, { nullable: true })
  refreshToken?: string | null;
}
