import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';

@ObjectType({ description: 'One distinct set of counter values; lastSeenAt advances while they stay the same.' })
export class DeviceMeterRead {
  @Field()
  readAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => JsonScalar, { description: 'Counter name → value: canonical names (total, mono, color …) and vendor:… extras.' })
  counters: Record<string, number>;
}

@ObjectType({ description: 'The current state of one supply of a device.' })
export class DeviceSupply {
  @Field(() => ID)
  id: string;

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

@ObjectType({ description: 'An open alert of a device (from its status bits or alert table).' })
export class DeviceAlert {
  @Field(() => ID)
  id: string;

  @Field()
  code: string;

  @Field()
  severity: string;

  @Field()
  source: string;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field()
  openedAt: Date;

  @Field()
  lastSeenAt: Date;
}

@ObjectType({ description: 'A printer or MFP found by an agent.' })
export class Device {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID, { nullable: true })
  siteId: string | null;

  @Field(() => ID, { nullable: true })
  agentId: string | null;

  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true })
  macAddress: string | null;

  @Field(() => String, { nullable: true })
  ipAddress: string | null;

  @Field(() => String, { nullable: true })
  hostname: string | null;

  @Field(() => String, { nullable: true })
  firmware: string | null;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => String, { nullable: true })
  assetTag: string | null;

  @Field(() => String, { nullable: true })
  printerStatus: string | null;

  @Field(() => [String])
  detectedErrors: string[];

  @Field(() => String, { nullable: true })
  consoleDisplay: string | null;

  @Field(() => Date, { nullable: true })
  statusAt: Date | null;

  @Field({ description: 'Neither serial nor MAC known: cannot be matched reliably.' })
  noIdentity: boolean;

  @Field()
  needsReview: boolean;

  @Field()
  firstSeenAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => Date, { nullable: true })
  lastMeterReadAt: Date | null;
}

@ObjectType()
export class DeviceConnection extends Connection(Device) {}
