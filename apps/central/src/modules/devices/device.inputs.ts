import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { DEVICE_STATUSES, type DeviceStatusName } from './device-status.js';
import { DeviceRetiredFilter, DeviceStatus, type DeviceRetiredFilterName } from './device.model.js';
import {
  ALERT_SEVERITY_LEVELS,
  AlertSeverityAtLeast,
  type AlertSeverityName,
  DEVICE_SORT_FIELDS,
  DeviceSortField,
  LOW_TONER_PERCENT,
  SORT_DIRECTIONS,
  SortDirection,
  type DeviceSortFieldName,
  type SortDirectionName,
} from './device-list-query.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

/** Deep offsets are allowed (a fleet of 10,000 at 100 a page) but bounded. */
export const DEVICES_MAX_OFFSET = 1_000_000;

const exactName = z.string().trim().min(1).max(200).nullish();

@ArgsType()
export class DevicesArgs extends PageArgs {
  static override readonly schema = PageArgs.schema
    .extend({
      customerId: idSchema.nullish(),
      siteId: idSchema.nullish(),
      search: z.string().trim().max(200).nullish(),
      manufacturer: exactName,
      model: exactName,
      status: z.enum(DEVICE_STATUSES).nullish(),
      retired: z.enum(['HIDE', 'SHOW', 'ONLY']).nullish(),
      ipAddress: z
        .string()
        .trim()
        .pipe(z.union([z.ipv4(), z.ipv6()], { error: 'must be a whole IPv4 or IPv6 address' }))
        .nullish(),
      lowToner: z.boolean().nullish(),
      dueSoon: z.boolean().nullish(),
      silent: z.boolean().nullish(),
      alertSeverity: z.enum(ALERT_SEVERITY_LEVELS).nullish(),
      underContract: z.boolean().nullish(),
      sort: z.enum(DEVICE_SORT_FIELDS).nullish(),
      direction: z.enum(SORT_DIRECTIONS).nullish(),
      offset: z
        .number()
        .int()
        .min(0, { error: `must be between 0 and ${DEVICES_MAX_OFFSET}` })
        .max(DEVICES_MAX_OFFSET, { error: `must be between 0 and ${DEVICES_MAX_OFFSET}` })
        .nullish(),
    })
    .refine((args) => args.offset == null || !args.after, {
      error: 'cannot be combined with after',
      path: ['offset'],
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

  @Field(() => String, {
    nullable: true,
    description:
      'Exactly this IPv4 or IPv6 address as the device reported it (no partial match; use search for that).',
  })
  ipAddress?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: `true: a toner or ink supply at or below ${LOW_TONER_PERCENT}% or reported LOW/EMPTY; false: none.`,
  })
  lowToner?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: a supply is due — replenishment holds an active (open, exported or shipped) supply order for the device; false: none.',
  })
  dueSoon?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true: not seen for the tenant's deviceSilenceHours; false: seen within them (whatever its status).",
  })
  silent?: boolean | null;

  @Field(() => AlertSeverityAtLeast, {
    nullable: true,
    description:
      'Devices with an open alert of at least this severity (WARNING includes CRITICAL; INFO: any open alert).',
  })
  alertSeverity?: AlertSeverityName | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: under a contract now (attachDevicesToContract); false: under none.',
  })
  underContract?: boolean | null;

  @Field(() => DeviceSortField, {
    nullable: true,
    description: 'Order of the list (default FIRST_SEEN); ties break on id.',
  })
  sort?: DeviceSortFieldName | null;

  @Field(() => SortDirection, {
    nullable: true,
    description: 'ASC (default) or DESC; devices without a value come last either way.',
  })
  direction?: SortDirectionName | null;

  @Field(() => Int, {
    nullable: true,
    description: `Skip this many devices (page by number; not with after), 0–${DEVICES_MAX_OFFSET}.`,
  })
  offset?: number | null;
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
