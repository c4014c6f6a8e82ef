import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { MeterReadReviewDecision, MeterReadReviewStatusEnum } from './meter-read-review.model.js';

@ArgsType()
export class MeterReadsAwaitingReviewArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    customerId: idSchema.nullish(),
  });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;
}

@ArgsType()
export class MeterReadReviewsArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    customerId: idSchema.nullish(),
    deviceId: idSchema.nullish(),
    status: z.array(z.enum(MeterReadReviewStatusEnum)).min(1).nullish(),
  });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  deviceId?: string | null;

  @Field(() => [MeterReadReviewStatusEnum], { nullable: true })
  status?: MeterReadReviewStatusEnum[] | null;
}

/** Shape only; the rules (reason required, value within the counter's range) are the domain's. */
@InputType()
export class ReviewMeterReadInput {
  static readonly schema = z.object({
    decision: z.enum(MeterReadReviewDecision),
    correctedValue: z.number().nullish(),
    reason: z.string().max(10_000).nullish(),
  });

  @Field(() => MeterReadReviewDecision)
  decision: MeterReadReviewDecision;

  @Field(() => Float, {
    nullable: true,
    description:
      'CORRECT only: a whole number from the counter before this read up to the next read.',
  })
  correctedValue?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Required to CORRECT or EXCLUDE (up to 1000 characters).',
  })
  reason?: string | null;
}
