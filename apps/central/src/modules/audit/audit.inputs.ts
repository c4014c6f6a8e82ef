import { ArgsType, Field, Int } from '@nestjs/graphql';
import { z } from 'zod';

@ArgsType()
export class AuditEventsArgs {
  static readonly schema = z.object({
    first: z
      .number()
      .int()
      .min(1, { error: 'must be between 1 and 100' })
      .max(100, { error: 'must be between 1 and 100' })
      .default(20),
    after: z.string().max(500).nullish(),
    targetType: z.string().trim().min(1).max(100).nullish(),
    targetId: z.string().trim().min(1).max(100).nullish(),
  });

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only events about this kind of target, e.g. Customer.',
  })
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  targetId?: string | null;
}
