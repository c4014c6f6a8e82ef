import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';

export const BILLING_CYCLES = ['MONTHLY', 'QUARTERLY', 'YEARLY'] as const;
export type BillingCycleName = (typeof BILLING_CYCLES)[number];
export const BillingCycle = { MONTHLY: 'MONTHLY', QUARTERLY: 'QUARTERLY', YEARLY: 'YEARLY' };
registerEnumType(BillingCycle, { name: 'BillingCycle' });

export const CONTRACT_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type ContractStatusName = (typeof CONTRACT_STATUSES)[number];
export const ContractStatus = { ACTIVE: 'ACTIVE', ENDED: 'ENDED' };
registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  description: 'ACTIVE until endContract; ENDED after (its devices were detached then).',
});

@ObjectType({ description: 'Pages included per billing cycle for one billed meter.' })
export class ContractAllowance {
  @Field()
  meter: string;

  @Field(() => Int)
  pages: number;
}

@ObjectType({
  description: "A device's meters when it joined or left a contract: its newest meter read then.",
})
export class ContractMeter {
  @Field({ description: 'When that meter read was taken.' })
  readAt: Date;

  @Field(() => JsonScalar, { description: 'Billed meter → value (only those the device had).' })
  counters: Record<string, number>;
}

@ObjectType({ description: "A device's time under a contract, with its start and end meters." })
export class ContractDevice {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  contractId: string;

  @Field(() => ID)
  deviceId: string;

  @Field()
  attachedAt: Date;

  @Field(() => ContractMeter, { nullable: true, description: 'Null: no meter read yet.' })
  startMeter: ContractMeter | null;

  @Field(() => Date, { nullable: true, description: 'Null while the device is under it.' })
  detachedAt: Date | null;

  @Field(() => ContractMeter, { nullable: true })
  endMeter: ContractMeter | null;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => String, { nullable: true, description: "The dealer's name for the device." })
  displayName: string | null;
}

@ObjectType({
  description:
    "A customer's billing contract: the meters billed per cycle, optional allowances, and the devices under it (a device is under at most one active contract).",
})
export class Contract {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field({ description: "The dealer's contract number, unique within the dealer." })
  reference: string;

  @Field()
  startDate: Date;

  @Field(() => Date, { nullable: true, description: 'Planned end; null: open-ended.' })
  endDate: Date | null;

  @Field(() => BillingCycle)
  billingCycle: BillingCycleName;

  @Field(() => [String], {
    description: 'Meter names as in meter reads (total, mono, color, scanTotal …).',
  })
  billedMeters: string[];

  @Field(() => [ContractAllowance])
  allowances: ContractAllowance[];

  @Field(() => ContractStatus)
  status: ContractStatusName;

  @Field(() => Date, { nullable: true, description: 'When endContract ran.' })
  endedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class ContractConnection extends Connection(Contract) {}
