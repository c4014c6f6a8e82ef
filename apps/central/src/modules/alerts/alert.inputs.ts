import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { AlertSeverityEnum } from './alert.model.js';

@ArgsType()
export class AlertsArgs {
  static readonly schema = z.object({
    first: z
      .number()
      .int()
      .min(1, { error: 'must be between 1 and 100' })
      .max(100, { error: 'must be between 1 and 100' })
      .default(20),
    after: z.string().max(500).nullish(),
    open: z.boolean().nullish(),
    severity: z.array(z.enum(AlertSeverityEnum)).min(1).nullish(),
    code: z.string().trim().min(1).max(100).nullish(),
    customerId: idSchema.nullish(),
    deviceId: idSchema.nullish(),
  });

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: open only; false: closed only; null: both.',
  })
  open?: boolean | null;

  @Field(() => [AlertSeverityEnum], { nullable: true })
  severity?: AlertSeverityEnum[] | null;

  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  deviceId?: string | null;
}
