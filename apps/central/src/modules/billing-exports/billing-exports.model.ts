import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';

const MAX_RECIPIENTS = 20;

@ObjectType({
  description:
    "The monthly billing export: from `dayOfMonth` (UTC) the previous calendar month's export is produced once, kept for download, announced by the `billing_export.ready` webhook and e-mailed as an attachment to `recipientEmails`.",
})
export class BillingExportSchedule {
  @Field()
  enabled!: boolean;

  @Field(() => Int, { description: '1–28.' })
  dayOfMonth!: number;

  @Field(() => [String])
  recipientEmails!: string[];

  @Field({ description: 'Start the CSV with a UTF-8 byte order mark.' })
  bom!: boolean;
}

@InputType()
export class BillingExportScheduleInput {
  static readonly schema = z.object({
    enabled: z.boolean().optional(),
    dayOfMonth: z
      .number()
      .int({ error: 'must be a day between 1 and 28' })
      .min(1, { error: 'must be a day between 1 and 28' })
      .max(28, { error: 'must be a day between 1 and 28' })
      .optional(),
    recipientEmails: z
      .array(z.email({ error: 'must be an e-mail address' }).max(254))
      .max(MAX_RECIPIENTS, { error: `at most ${MAX_RECIPIENTS} addresses` })
      .transform((emails) => [...new Set(emails.map((email) => email.toLowerCase()))])
      .optional(),
    bom: z.boolean().optional(),
  });

  @Field({ nullable: true })
  enabled?: boolean;

  @Field(() => Int, { nullable: true })
  dayOfMonth?: number;

  @Field(() => [String], { nullable: true })
  recipientEmails?: string[];

  @Field({ nullable: true })
  bom?: boolean;
}

@ObjectType({ description: 'A produced billing export (CSV), kept for download.' })
export class BillingExportFile {
  @Field(() => ID)
  id!: string;

  @Field()
  periodFrom!: Date;

  @Field()
  periodTo!: Date;

  @Field({ description: 'Produced by the monthly schedule (else on request).' })
  scheduled!: boolean;

  @Field()
  fileName!: string;

  @Field(() => Int)
  byteSize!: number;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => Int)
  deviceCount!: number;

  @Field(() => Date, { nullable: true, description: 'When it was e-mailed to the recipients.' })
  mailedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field({ description: 'Authenticated GET (session or API key with meters:read) of the CSV.' })
  downloadPath!: string;
}

@ArgsType()
export class BillingExportFilesArgs {
  static readonly schema = z.object({
    first: z
      .number()
      .int()
      .min(1, { error: 'must be between 1 and 100' })
      .max(100, { error: 'must be between 1 and 100' })
      .default(24),
  });

  @Field(() => Int, { nullable: true, description: 'Newest first, 1–100 (default 24).' })
  first?: number;
}

@InputType()
export class RunBillingExportInput {
  static readonly schema = z
    .object({ from: z.date(), to: z.date(), bom: z.boolean().nullish() })
    .refine((value) => value.from.getTime() < value.to.getTime(), {
      error: 'from must be before to',
      path: ['to'],
    });

  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => Boolean, { nullable: true, description: 'Default: the schedule’s setting.' })
  bom?: boolean | null;
}

export const billingExportIdSchema = idSchema;
