import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ForecastConfidenceEnum {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(ForecastConfidenceEnum, { name: 'ForecastConfidence' });

@ObjectType({
  description:
    'Days-to-empty of a supply from its recent level history (method: libs/domain/README.md).',
})
export class SupplyForecast {
  @Field({ description: 'False when consumption is not measurable yet; `reason` says why.' })
  available: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'NO_DATA | NOT_MEASURABLE | TOO_FEW_SAMPLES | NOT_ENOUGH_HISTORY | NO_CONSUMPTION when not available.',
  })
  reason: string | null;

  @Field(() => Float, { nullable: true })
  daysToEmpty: number | null;

  @Field(() => Date, { nullable: true })
  emptyAt: Date | null;

  @Field(() => Float, { nullable: true })
  currentPercent: number | null;

  @Field(() => Float, { nullable: true })
  percentPerDay: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'From the device total page counter, when it moved.',
  })
  pagesToEmpty: number | null;

  @Field(() => Float, { nullable: true })
  percentPer1000Pages: number | null;

  @Field(() => ForecastConfidenceEnum, { nullable: true })
  confidence: ForecastConfidenceEnum | null;

  @Field(() => Int)
  samples: number;

  @Field(() => Float, { nullable: true })
  spanDays: number | null;
}

@ObjectType({ description: 'One reading of a supply level.' })
export class SupplyLevelPoint {
  @Field()
  readAt: Date;

  @Field(() => Float, { nullable: true })
  percent: number | null;

  @Field(() => Int, { nullable: true })
  level: number | null;

  @Field(() => Int, { nullable: true })
  maxCapacity: number | null;

  @Field(() => String, { nullable: true })
  state: string | null;
}
