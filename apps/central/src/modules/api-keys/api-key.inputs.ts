import { Field, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { API_KEY_SCOPES } from '../../platform/auth/api-key-scopes.js';
import { ApiKeyScopeEnum } from './api-key.model.js';

@InputType()
export class CreateApiKeyInput {
  static readonly schema = z.object({
    name: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
    scopes: z
      .array(z.enum(API_KEY_SCOPES))
      .min(1, { error: 'must name at least one scope' })
      .transform((scopes) => [...new Set(scopes)]),
    expiresAt: z
      .date()
      .refine((date) => date.getTime() > Date.now(), { error: 'must be in the future' })
      .nullish(),
  });

  @Field()
  name: string;

  @Field(() => [ApiKeyScopeEnum])
  scopes: string[];

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}
