import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';

export enum SupplyOrderStatusEnum {
  OPEN = 'OPEN',
  EXPORTED = 'EXPORTED',
  SHIPPED = 'SHIPPED',
  FULFILLED = 'FULFILLED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SupplyOrderStatusEnum, {
  name: 'SupplyOrderStatus',
  description:
    'OPEN → EXPORTED → SHIPPED → FULFILLED (a cartridge swap seen by the agent fulfils it), or CANCELLED.',
});

@ObjectType({
  description:
    'When supplies are ordered: tenant-wide, or narrowed to a customer / model / supply type / colour (the most specific wins).',
})
export class ReplenishmentRule {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true })
  customerId: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => String, { nullable: true })
  supplyType: string | null;

  @Field(() => String, { nullable: true })
  color: string | null;

  @Field(() => Float, { nullable: true, description: 'Order at or below this level (%).' })
  thresholdPercent: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Order when a trusted forecast says empty within forecastDays + leadTimeDays.',
  })
  forecastDays: number | null;

  @Field(() => Int)
  leadTimeDays: number;

  @Field(() => Int, {
    description: 'No new order for the same supply within this many hours of the last one.',
  })
  cooldownHours: number;

  @Field({ description: 'Ship near-threshold supplies of the same device with a due one.' })
  consolidate: boolean;

  @Field()
  enabled: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class ReplenishmentRuleConnection extends Connection(ReplenishmentRule) {}

@ObjectType({ description: 'A supply to send to a device; one active order per device supply.' })
export class SupplyOrder {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID)
  deviceId: string;

  @Field(() => ID)
  supplyId: string;

  @Field()
  supplyKey: string;

  @Field(() => ID, { nullable: true })
  ruleId: string | null;

  @Field(() => SupplyOrderStatusEnum)
  status: SupplyOrderStatusEnum;

  @Field(() => ID, {
    nullable: true,
    description: 'Orders of one device created together share it: one shipment.',
  })
  consolidationGroup: string | null;

  @Field({ description: 'THRESHOLD | FORECAST | CONSOLIDATED | MANUAL' })
  reason: string;

  @Field(() => Float, { nullable: true })
  percentAtOrder: number | null;

  @Field(() => Float, { nullable: true })
  daysToEmptyAtOrder: number | null;

  @Field(() => String, { nullable: true })
  partNumber: string | null;

  @Field(() => Int)
  quantity: number;

  @Field(() => String, { nullable: true })
  externalRef: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  exportedAt: Date | null;

  @Field(() => Date, { nullable: true })
  shippedAt: Date | null;

  @Field(() => Date, { nullable: true })
  fulfilledAt: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt: Date | null;
}

@ObjectType()
export class SupplyOrderConnection extends Connection(SupplyOrder) {}
