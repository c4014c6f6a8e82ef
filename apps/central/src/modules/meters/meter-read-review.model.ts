import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';

export enum MeterReadReviewReasonEnum {
  DISCONTINUITY = 'DISCONTINUITY',
  SOURCE_DISAGREEMENT = 'SOURCE_DISAGREEMENT',
  ESTIMATED = 'ESTIMATED',
}
registerEnumType(MeterReadReviewReasonEnum, {
  name: 'MeterReadReviewReason',
  description:
    'DISCONTINUITY: the counter went down at this read. SOURCE_DISAGREEMENT: two sources of the meter disagree on this read. ESTIMATED: a person entered this read for a device that did not report one (`recordEstimatedMeterRead`).',
});

export enum MeterReadReviewStatusEnum {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  CORRECTED = 'CORRECTED',
  EXCLUDED = 'EXCLUDED',
}
registerEnumType(MeterReadReviewStatusEnum, {
  name: 'MeterReadReviewStatus',
  description:
    'PENDING: not billed until reviewed (a counter drop withholds usage). APPROVED: billed as read. CORRECTED: billed with the corrected value. EXCLUDED: skipped; the neighbouring reads are billed.',
});

export enum MeterReadReviewDecision {
  APPROVE = 'APPROVE',
  CORRECT = 'CORRECT',
  EXCLUDE = 'EXCLUDE',
}
registerEnumType(MeterReadReviewDecision, { name: 'MeterReadReviewDecision' });

@ObjectType({
  description:
    'One counter of a flagged meter read, reviewed before billing. A correction is kept beside the read; the read itself never changes.',
})
export class MeterReadReview {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  deviceId: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => String, { nullable: true })
  deviceSerialNumber: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The display name a person gave, else the model.',
  })
  deviceName: string | null;

  @Field(() => ID)
  readId: string;

  @Field()
  readAt: Date;

  @Field()
  counter: string;

  @Field(() => MeterReadReviewReasonEnum)
  reason: MeterReadReviewReasonEnum;

  @Field(() => ID, { nullable: true })
  discontinuityId: string | null;

  @Field(() => Float, { description: "The read's own value (integer, exact up to 2^53)." })
  originalValue: number;

  @Field(() => Float, {
    nullable: true,
    description: 'DISCONTINUITY: the counter at the read before the drop.',
  })
  previousValue: number | null;

  @Field(() => String, { nullable: true, description: 'SOURCE_DISAGREEMENT: the other source.' })
  alternativeSource: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "SOURCE_DISAGREEMENT: the other source's value.",
  })
  alternativeValue: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'ESTIMATED: the reason given by the person who entered the estimate.',
  })
  estimateReason: string | null;

  @Field(() => MeterReadReviewStatusEnum)
  status: MeterReadReviewStatusEnum;

  @Field(() => Float, { nullable: true })
  correctedValue: number | null;

  @Field(() => String, { nullable: true, description: "The reviewer's reason." })
  decisionReason: string | null;

  @Field()
  detectedAt: Date;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  @Field(() => ID, { nullable: true })
  reviewedByUserId: string | null;
}

@ObjectType()
export class MeterReadReviewConnection extends Connection(MeterReadReview) {}
