import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import {
  MeterDiscontinuityReviewAction,
  MeterDiscontinuityStatusEnum,
} from './meter-discontinuity.model.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

@ArgsType()
export class MeterDiscontinuitiesArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    status: z.array(z.enum(MeterDiscontinuityStatusEnum)).min(1).nullish(),
    deviceId: idSchema.nullish(),
    customerId: idSchema.nullish(),
  });

  @Field(() => [MeterDiscontinuityStatusEnum], { nullable: true })
  status?: MeterDiscontinuityStatusEnum[] | null;

  @Field(() => ID, { nullable: true })
  deviceId?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;
}

@InputType()
export class ReviewMeterDiscontinuityInput {
  static readonly schema = z
    .object({
      action: z.enum(MeterDiscontinuityReviewAction),
      offset: z
        .number()
        .int({ error: 'must be a whole number of pages' })
        .min(0)
        .max(Number.MAX_SAFE_INTEGER)
        .nullish(),
      note: z.string().trim().max(1000).nullish(),
    })
    .refine(
      (input) =>
        input.action === MeterDiscontinuityReviewAction.ACCEPT_RESET || input.offset == null,
      {
        error: 'offset applies to ACCEPT_RESET only',
        path: ['offset'],
      },
    );

  @Field(() => MeterDiscontinuityReviewAction)
  action: MeterDiscontinuityReviewAction;

  @Field(() => Float, {
    nullable: true,
    description:
      'ACCEPT_RESET: pages made across the swap between the two reads (default: the after value).',
  })
  offset?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
