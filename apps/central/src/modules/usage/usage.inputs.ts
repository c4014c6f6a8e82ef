import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';

const counterName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: 'must be a counter name' });
const countersSchema = z
  .array(counterName)
  .min(1)
  .max(50)
  .transform((names) => [...new Set(names)])
  .nullish();
const period = <T extends { from: Date; to: Date }>(value: T) =>
  value.from.getTime() < value.to.getTime();
const periodError = { error: 'from must be before to', path: ['to'] };

@InputType({
  description: 'Which devices: given ids, one customer, one site — or, empty, the whole tenant.',
})
export class UsageFilter {
  static readonly schema = z
    .object({
      deviceIds: z.array(idSchema).min(1).max(1000).nullish(),
      customerId: idSchema.nullish(),
      siteId: idSchema.nullish(),
    })
    .nullish();

  @Field(() => [ID], { nullable: true })
  deviceIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;
}

@ArgsType()
export class UsageArgs {
  static readonly schema = z
    .object({
      filter: UsageFilter.schema,
      from: z.date(),
      to: z.date(),
      counters: countersSchema,
      first: z
        .number()
        .int()
        .min(1, { error: 'must be between 1 and 1000' })
        .max(1000, { error: 'must be between 1 and 1000' })
        .default(100),
      after: idSchema.nullish(),
    })
    .refine(period, periodError);

  @Field(() => UsageFilter, { nullable: true })
  filter?: UsageFilter | null;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => [String], {
    nullable: true,
    description: 'Counter names; default total, mono and color (only those the device has).',
  })
  counters?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Devices per page, 1–1000 (default 100).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ArgsType()
export class MissingMeterReadsArgs {
  static readonly schema = z.object({
    billingDate: z.date(),
    days: z.number().int().min(1).max(366).default(7),
    customerId: idSchema.nullish(),
    first: z.number().int().min(1).max(1000).default(100),
    after: idSchema.nullish(),
  });

  @Field()
  billingDate: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'Days before the billing date that must have a reading (default 7).',
  })
  days?: number;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class MeterExportInput {
  static readonly schema = z
    .object({
      customerId: idSchema.nullish(),
      from: z.date(),
      to: z.date(),
      counters: countersSchema,
      bom: z.boolean().nullish(),
    })
    .refine(period, periodError);

  @Field(() => ID, { nullable: true, description: 'One customer; empty: every customer.' })
  customerId?: string | null;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => [String], { nullable: true })
  counters?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Start the CSV with a UTF-8 byte order mark (default false).',
  })
  bom?: boolean | null;
}

@ArgsType()
export class BillingExportArgs {
  static readonly schema = z
    .object({
      customerId: idSchema.nullish(),
      from: z.date(),
      to: z.date(),
      counters: countersSchema,
      first: z
        .number()
        .int()
        .min(1, { error: 'must be between 1 and 1000' })
        .max(1000, { error: 'must be between 1 and 1000' })
        .default(100),
      after: idSchema.nullish(),
    })
    .refine(period, periodError);

  @Field(() => ID, { nullable: true, description: 'One customer; empty: every customer.' })
  customerId?: string | null;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => [String], {
    nullable: true,
    description: 'Billed meters; default total, mono and color (only those the device has).',
  })
  counters?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Devices per page, 1–1000 (default 100).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}
