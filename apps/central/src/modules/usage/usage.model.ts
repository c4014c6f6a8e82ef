import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { USAGE_FLAGS } from '@printbeat/domain';
import { Connection } from '../../platform/graphql/pagination.js';
import type { UsageQuery } from './usage.service.js';

export const UsageFlagEnum = Object.fromEntries(USAGE_FLAGS.map((flag) => [flag, flag])) as Record<
  string,
  string
>;
registerEnumType(UsageFlagEnum, {
  name: 'UsageFlag',
  description:
    'MISSING_START: no reading at/before `from` (counted from the first reading in the period). MISSING_END: no reading at/before `to`. ' +
    'ROLLBACK_OPEN: a counter drop waits for review (no usage). ROLLBACK_REVIEWED: counted across an accepted reset. READING_REJECTED: a rejected reading was skipped. ' +
    'READ_APPROVED: an end is an approved flagged read. READ_CORRECTED: an end uses a corrected value. READ_ESTIMATED: an end is an estimated read (entered by a person, then approved or corrected). READ_EXCLUDED: an excluded read was skipped. READ_AWAITING_REVIEW: a flagged read waiting for review was skipped.',
});

@ObjectType({ description: 'A counter value and when it was read.' })
export class MeterPoint {
  @Field(() => Float, { description: 'Integer page count (exact up to 2^53).' })
  value: number;

  @Field()
  readAt: Date;
}

@ObjectType()
export class CounterUsage {
  @Field()
  counter: string;

  @Field(() => MeterPoint, {
    nullable: true,
    description:
      'The reading at or before `from` (or, flagged MISSING_START, the first one after it).',
  })
  start: MeterPoint | null;

  @Field(() => MeterPoint, { nullable: true, description: 'The reading at or before `to`.' })
  end: MeterPoint | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Pages in the period; never negative; null when unknown (see flags).',
  })
  delta: number | null;

  @Field(() => [UsageFlagEnum])
  flags: string[];
}

@ObjectType({ description: 'Usage of one device between two dates.' })
export class DeviceUsage {
  @Field(() => ID)
  deviceId: string;

  @Field(() => ID)
  customerId: string;

  @Field()
  customerName: string;

  @Field(() => ID, { nullable: true })
  siteId: string | null;

  @Field(() => String, { nullable: true })
  siteName: string | null;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => [CounterUsage])
  counters: CounterUsage[];
}

@ObjectType({ description: 'One counter summed over a customer’s devices.' })
export class CounterTotal {
  @Field()
  counter: string;

  @Field(() => Float, {
    description: 'Sum of the known deltas; a lower bound when incompleteDevices > 0.',
  })
  pages: number;

  @Field(() => Int, { description: 'Devices listing this counter.' })
  devices: number;

  @Field(() => Int, { description: 'Of those, devices whose usage is unknown (see their flags).' })
  incompleteDevices: number;
}

@ObjectType({ description: 'Usage of one customer’s devices in the period.' })
export class CustomerUsageTotal {
  @Field(() => ID)
  customerId: string;

  @Field()
  customerName: string;

  @Field(() => Int)
  devices: number;

  @Field(() => [CounterTotal])
  counters: CounterTotal[];
}

@ObjectType({ description: 'When the devices in scope were first and last read.' })
export class MeterReadSpan {
  @Field(() => Date, { nullable: true })
  firstReadAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastReadAt: Date | null;
}

@ObjectType()
export class DeviceUsageConnection extends Connection(DeviceUsage) {
  /** The query this page answers (for the connection-wide fields); not in the schema. */
  query?: UsageQuery;
  /** Every device of the selection, when this page is all of it; not in the schema. */
  everyDevice?: DeviceUsage[];
}

@ObjectType({ description: 'A device without a reading in the days before a billing date.' })
export class MissingMeterDevice {
  @Field(() => ID)
  deviceId: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID, { nullable: true })
  siteId: string | null;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When its counters were last read before the billing date (null: never).',
  })
  lastReadAt: Date | null;
}

@ObjectType()
export class MissingMeterDeviceConnection extends Connection(MissingMeterDevice) {}

@ObjectType({ description: 'A short-lived signed link to a CSV of a period’s meters.' })
export class MeterExportLink {
  @Field()
  url: string;

  @Field()
  expiresAt: Date;
}
