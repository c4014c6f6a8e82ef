import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { ESTIMATED_READ_MAX_COUNTERS } from '@printbeat/domain';
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

@InputType()
export class EstimatedCounterInput {
  @Field({ description: 'A counter name the device reports (as its meter reads name it).' })
  name: string;

  @Field(() => Float, { description: 'A whole number, not below the read before.' })
  value: number;
}

/** Shape only; the rules (known counters, past time, range, reason) are the domain's. */
@InputType()
export class RecordEstimatedMeterReadInput {
  static readonly schema = z.object({
    deviceId: idSchema,
    readAt: z.date(),
    counters: z.array(z.object({ name: z.string().max(200), value: z.number() })).max(10_000),
    reason: z.string().max(10_000),
  });

  @Field(() => ID)
  deviceId: string;

  @Field({ description: 'When the counters were read (not in the future).' })
  readAt: Date;

  @Field(() => [EstimatedCounterInput], {
    description: `Up to ${ESTIMATED_READ_MAX_COUNTERS} counters, each one the device reports.`,
  })
  counters: EstimatedCounterInput[];

  @Field({
    description:
      'Why the read is estimated, e.g. "customer read the panel" (required, up to 1000 characters).',
  })
  reason: string;
}
