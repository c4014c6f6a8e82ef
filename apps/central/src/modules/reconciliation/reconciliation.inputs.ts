import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';

export const RECONCILIATION_MAX_SILENT_DAYS = 365;
export const DEFAULT_SILENT_DAYS = 7;

export const reconciliationArgsSchema = z.object({
  customerId: idSchema.nullish(),
  billingDate: z.date().nullish(),
  silentDays: z
    .number()
    .int({
      error: `must be a whole number of days between 1 and ${RECONCILIATION_MAX_SILENT_DAYS}`,
    })
    .min(1, { error: `must be between 1 and ${RECONCILIATION_MAX_SILENT_DAYS} days` })
    .max(RECONCILIATION_MAX_SILENT_DAYS, {
      error: `must be between 1 and ${RECONCILIATION_MAX_SILENT_DAYS} days`,
    })
    .nullish(),
});

@ArgsType()
export class ReconciliationArgs {
  static readonly schema = reconciliationArgsSchema;

  @Field(() => ID, { nullable: true, description: 'One customer; default every one you see.' })
  customerId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Default now.' })
  billingDate?: Date | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_SILENT_DAYS,
    description: `Days before the billing date without a reading that make a device silent, 1–${RECONCILIATION_MAX_SILENT_DAYS} (default ${DEFAULT_SILENT_DAYS}).`,
  })
  silentDays?: number | null;
}
