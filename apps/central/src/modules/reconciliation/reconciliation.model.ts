import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const RECONCILIATION_SECTIONS = [
  'SILENT_UNDER_CONTRACT',
  'REPORTING_WITHOUT_CONTRACT',
  'SERIAL_CHANGED',
  'AWAITING_REVIEW',
] as const;
export type ReconciliationSectionName = (typeof RECONCILIATION_SECTIONS)[number];
export const ReconciliationSection = Object.fromEntries(
  RECONCILIATION_SECTIONS.map((section) => [section, section]),
) as { [K in ReconciliationSectionName]: K };
registerEnumType(ReconciliationSection, {
  name: 'ReconciliationSection',
  description:
    'SILENT_UNDER_CONTRACT: under a contract, no reading in the silent days before the billing date; REPORTING_WITHOUT_CONTRACT: reading then, under no contract; SERIAL_CHANGED: its serial number changed in the 31 days before; AWAITING_REVIEW: a meter read flagged for review (a counter drop, counter sources that disagree, or an estimated read) and not yet decided.',
});

@ObjectType({ description: 'One device in one section of the reconciliation report.' })
export class ReconciliationEntry {
  @Field(() => ReconciliationSection)
  section: ReconciliationSectionName;

  @Field(() => ID)
  deviceId: string;

  @Field(() => ID)
  customerId: string;

  @Field()
  customerName: string;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => String, { nullable: true })
  equipmentId: string | null;

  @Field(() => String, { nullable: true, description: 'SILENT_UNDER_CONTRACT: the contract.' })
  contractReference: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Its newest meter read at or before the billing date.',
  })
  lastReadAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastSeenAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When it happened: attached to the contract, serial changed, discontinuity detected.',
  })
  at: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'What changed ("SN1 → SN2", "total went down 1000 → 5").',
  })
  detail: string | null;

  /** Stable identity of the finding within its section (for the change hash). */
  key: string;
}

@ObjectType()
export class ReconciliationCounts {
  @Field(() => Int)
  silentUnderContract: number;

  @Field(() => Int)
  reportingWithoutContract: number;

  @Field(() => Int)
  serialChanged: number;

  @Field(() => Int)
  awaitingReview: number;
}

@ObjectType({
  description:
    'What to settle before billing: contracted devices that stopped reporting, reporting devices under no contract, serial changes and meter reads awaiting review.',
})
export class ReconciliationReport {
  @Field(() => ID, { nullable: true })
  customerId: string | null;

  @Field()
  billingDate: Date;

  @Field(() => Int)
  silentDays: number;

  @Field(() => ReconciliationCounts)
  counts: ReconciliationCounts;

  @Field(() => [ReconciliationEntry])
  silentUnderContract: ReconciliationEntry[];

  @Field(() => [ReconciliationEntry])
  reportingWithoutContract: ReconciliationEntry[];

  @Field(() => [ReconciliationEntry])
  serialChanged: ReconciliationEntry[];

  @Field(() => [ReconciliationEntry])
  awaitingReview: ReconciliationEntry[];
}
