import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { z } from 'zod';
import { RETENTION_LIMITS } from '@printbeat/domain';

@ObjectType({ description: "How long this dealer's data is kept; a nightly job deletes the rest." })
export class RetentionSettings {
  @Field(() => Int, { description: 'Raw upload archives (zips as received), in days.' })
  uploadRetentionDays!: number;

  @Field(() => Int, {
    description:
      "Meter reads and supply level history, in years; each device's and supply's newest always stays.",
  })
  readingRetentionYears!: number;

  @Field(() => Int, { description: 'Audit events, in years.' })
  auditRetentionYears!: number;

  @Field(() => Int, {
    description:
      "Days between a customer's deletion request and the deletion of all its data (cancellable until then).",
  })
  customerDeletionGraceDays!: number;

  @Field(() => Int, {
    description: 'Kept billing export files, in calendar months after they were made.',
  })
  exportFileRetentionMonths!: number;
}

const within = (name: keyof typeof RETENTION_LIMITS, unit: string) => {
  const { min, max } = RETENTION_LIMITS[name];
  const message = `must be a whole number of ${unit} between ${min} and ${max}`;
  return z
    .number()
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
};

@InputType()
export class RetentionSettingsInput {
  static readonly schema = z.object({
    uploadRetentionDays: within('uploadRetentionDays', 'days').optional(),
    readingRetentionYears: within('readingRetentionYears', 'years').optional(),
    auditRetentionYears: within('auditRetentionYears', 'years').optional(),
    customerDeletionGraceDays: within('customerDeletionGraceDays', 'days').optional(),
    exportFileRetentionMonths: within('exportFileRetentionMonths', 'months').optional(),
  });

  @Field(() => Int, { nullable: true })
  uploadRetentionDays?: number;

  @Field(() => Int, { nullable: true })
  readingRetentionYears?: number;

  @Field(() => Int, { nullable: true })
  auditRetentionYears?: number;

  @Field(() => Int, { nullable: true })
  customerDeletionGraceDays?: number;

  @Field(() => Int, { nullable: true })
  exportFileRetentionMonths?: number;
}
