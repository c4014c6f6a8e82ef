import { ArgsType, Field } from '@nestjs/graphql';
import { z } from 'zod';
import { PageArgs } from '../../platform/graphql/pagination.js';

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    targetType: z.string().trim().min(1).max(100).nullish(),
    targetId: z.string().trim().min(1).max(100).nullish(),
  });

  @Field(() => String, {
    nullable: true,
    description: 'Only events about this kind of target, e.g. Customer.',
  })
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  targetId?: string | null;
}
