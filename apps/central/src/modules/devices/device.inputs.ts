import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';

@ArgsType()
export class DevicesArgs {
  static readonly schema = z.object({
    customerId: idSchema.nullish(),
    siteId: idSchema.nullish(),
    search: z.string().trim().max(200).nullish(),
    first: z.number().int().min(1, { error: 'must be between 1 and 100' }).max(100, { error: 'must be between 1 and 100' }).default(20),
    after: z.string().max(500).nullish(),
  });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;

  @Field(() => String, { nullable: true, description: 'Serial, model, manufacturer, IP, MAC, host name or location contains this.' })
  search?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
