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

export enum SupplyChangeEnum {
  SWAP = 'SWAP',
  REFILL = 'REFILL',
}
registerEnumType(SupplyChangeEnum, {
  name: 'SupplyChange',
  description:
    'SWAP: another cartridge (a new serial, or a level jump where the device reports no serial). REFILL: the same serial rising (refilled).',
});

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

  @Field(() => String, { nullable: true, description: 'The cartridge serial at this reading.' })
  serialNumber: string | null;

  @Field(() => SupplyChangeEnum, {
    nullable: true,
    description: 'Set on the first reading after a cartridge swap or refill.',
  })
  change: SupplyChangeEnum | null;

  @Field(() => Float, {
    nullable: true,
    description: 'For a SWAP: the percent the removed cartridge had left, when known.',
  })
  removedPercent: number | null;

  @Field({
    description:
      'A SWAP that removed a cartridge above SUPPLY_EARLY_REPLACEMENT_PERCENT (default 10 %).',
  })
  earlyReplacement: boolean;
}
