import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { CustomerUsageTotal, MeterPoint, UsageFlagEnum } from './usage.model.js';

@ObjectType({
  description:
    'One billed meter of one device in a billing period: the row of the billing export (CSV and GraphQL alike).',
})
export class BillingExportRow {
  @Field(() => ID)
  customerId: string;

  @Field()
  customerName: string;

  @Field(() => String, { nullable: true, description: 'The device’s contract (when it has one).' })
  contractReference: string | null;

  @Field(() => String, { nullable: true, description: 'The dealer’s equipment/service ID.' })
  equipmentId: string | null;

  @Field(() => ID)
  deviceId: string;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => String, { nullable: true })
  siteName: string | null;

  @Field()
  meter: string;

  @Field(() => MeterPoint, { nullable: true })
  start: MeterPoint | null;

  @Field(() => MeterPoint, { nullable: true })
  end: MeterPoint | null;

  @Field(() => Float, { nullable: true, description: 'Pages in the period; null when unknown.' })
  delta: number | null;

  @Field(() => [UsageFlagEnum])
  flags: string[];
}

@ObjectType({ description: 'One page of the billing export (pages are cut between devices).' })
export class BillingExportPage {
  @Field(() => [BillingExportRow])
  rows: BillingExportRow[];

  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor: string | null;

  @Field(() => [CustomerUsageTotal], {
    description: 'Per customer and meter, over every device of the selection (all pages).',
  })
  customerTotals: CustomerUsageTotal[];
}
