import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';

export enum MeterDiscontinuityStatusEnum {
  OPEN = 'OPEN',
  ACCEPTED_RESET = 'ACCEPTED_RESET',
  REJECTED = 'REJECTED',
  CORRECTED = 'CORRECTED',
}
registerEnumType(MeterDiscontinuityStatusEnum, {
  name: 'MeterDiscontinuityStatus',
  description:
    'OPEN: usage across it is withheld. ACCEPTED_RESET: counted with the offset. REJECTED: the later reading is ignored. CORRECTED: the later reading was corrected (reviewMeterRead).',
});

export enum MeterDiscontinuityReviewAction {
  ACCEPT_RESET = 'ACCEPT_RESET',
  REJECT_READING = 'REJECT_READING',
}
registerEnumType(MeterDiscontinuityReviewAction, { name: 'MeterDiscontinuityReviewAction' });

@ObjectType({
  description: 'A counter that went down between two reads (board swap, reset, bad read).',
})
export class MeterDiscontinuity {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  deviceId: string;

  @Field(() => ID)
  customerId: string;

  @Field()
  counter: string;

  @Field(() => Float, {
    description: 'Counter values are integers; Float carries them exactly up to 2^53.',
  })
  beforeValue: number;

  @Field()
  beforeReadAt: Date;

  @Field(() => Float)
  afterValue: number;

  @Field()
  afterReadAt: Date;

  @Field(() => MeterDiscontinuityStatusEnum)
  status: MeterDiscontinuityStatusEnum;

  @Field(() => Float, {
    nullable: true,
    description:
      'ACCEPTED_RESET: pages made between the two reads across the swap; null = the new counter started at 0 (afterValue pages).',
  })
  offset: number | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  detectedAt: Date;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  @Field(() => ID, { nullable: true })
  reviewedByUserId: string | null;
}

@ObjectType()
export class MeterDiscontinuityConnection extends Connection(MeterDiscontinuity) {}
