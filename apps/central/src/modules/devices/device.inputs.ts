import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { DEVICE_STATUSES, type DeviceStatusName } from './device-status.js';
import { DeviceRetiredFilter, DeviceStatus, type DeviceRetiredFilterName } from './device.model.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

const exactName = z.string().trim().min(1).max(200).nullish();

@ArgsType()
export class DevicesArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    customerId: idSchema.nullish(),
    siteId: idSchema.nullish(),
    search: z.string().trim().max(200).nullish(),
    manufacturer: exactName,
    model: exactName,
    status: z.enum(DEVICE_STATUSES).nullish(),
    retired: z.enum(['HIDE', 'SHOW', 'ONLY']).nullish(),
  });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Serial, model, manufacturer, IP, MAC, host name or location contains this.',
  })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Exactly this manufacturer, ignoring case.' })
  manufacturer?: string | null;

  @Field(() => String, { nullable: true, description: 'Exactly this model, ignoring case.' })
  model?: string | null;

  @Field(() => DeviceStatus, { nullable: true })
  status?: DeviceStatusName | null;

  @Field(() => DeviceRetiredFilter, { nullable: true, defaultValue: 'HIDE' })
  retired?: DeviceRetiredFilterName | null;
}

@ArgsType()
export class DeviceFacetsArgs {
  static readonly schema = z.object({ customerId: idSchema.nullish(), siteId: idSchema.nullish() });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;
}

export const METER_READS_MAX_PAGE = 1000;

@ArgsType()
export class MeterReadsArgs {
  static readonly schema = z
    .object({
      from: z.date().nullish(),
      to: z.date().nullish(),
      first: z
        .number()
        .int()
        .min(1, { error: `must be between 1 and ${METER_READS_MAX_PAGE}` })
        .max(METER_READS_MAX_PAGE, { error: `must be between 1 and ${METER_READS_MAX_PAGE}` })
        .default(200),
      after: z.string().max(500).nullish(),
    })
    .refine((args) => !args.from || !args.to || args.from.getTime() <= args.to.getTime(), {
      error: 'must not be after to',
      path: ['from'],
    });

  @Field(() => Date, { nullable: true, description: 'Reads taken at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Reads taken at or before this instant.' })
  to?: Date | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 200,
    description: `Page size, 1–${METER_READS_MAX_PAGE}.`,
  })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

export const IDENTITY_CHANGES_MAX = 200;

@ArgsType()
export class IdentityChangesArgs {
  static readonly schema = z.object({
    first: z
      .number()
      .int()
      .min(1, { error: `must be between 1 and ${IDENTITY_CHANGES_MAX}` })
      .max(IDENTITY_CHANGES_MAX, { error: `must be between 1 and ${IDENTITY_CHANGES_MAX}` })
      .default(50),
  });

  @Field(() => Int, {
    nullable: true,
    defaultValue: 50,
    description: `How many, newest first, 1–${IDENTITY_CHANGES_MAX}.`,
  })
  first?: number;
}

@InputType()
export class MergeDevicesInput {
  static readonly schema = z
    .object({ keepId: idSchema, mergeId: idSchema })
    .refine((input) => input.keepId !== input.mergeId, {
      error: 'must differ from keepId',
      path: ['mergeId'],
    });

  @Field(() => ID, { description: 'The device that stays and receives the history.' })
  keepId: string;

  @Field(() => ID, {
    description:
      'The device that disappears into keepId (kept in the database, hidden from lists).',
  })
  mergeId: string;
}
