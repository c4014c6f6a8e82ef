import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The current state of one supply of a device.' })
export class DeviceSupply {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  deviceId: string;

  @Field()
  supplyKey: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  type: string | null;

  @Field(() => String, { nullable: true })
  color: string | null;

  @Field(() => String, { nullable: true })
  partNumber: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The current cartridge's own serial, where the device reports one.",
  })
  serialNumber: string | null;

  @Field(() => Int, { nullable: true })
  level: number | null;

  @Field(() => Int, { nullable: true })
  maxCapacity: number | null;

  @Field(() => Float, { nullable: true })
  percent: number | null;

  @Field(() => String, { nullable: true })
  state: string | null;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;
}
