import { ArgsType, Field, ID } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { AlertSeverityEnum } from './alert.model.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

@ArgsType()
export class AlertsArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    open: z.boolean().nullish(),
    severity: z.array(z.enum(AlertSeverityEnum)).min(1).nullish(),
    code: z.string().trim().min(1).max(100).nullish(),
    customerId: idSchema.nullish(),
    deviceId: idSchema.nullish(),
    agentId: idSchema.nullish(),
  });

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

  @Field(() => ID, {
    nullable: true,
    description: "One agent's own alerts (agent health, silence).",
  })
  agentId?: string | null;
}
