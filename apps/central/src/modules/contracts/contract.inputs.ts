import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import {
  BILLING_CYCLES,
  BillingCycle,
  CONTRACT_STATUSES,
  ContractStatus,
  type BillingCycleName,
  type ContractStatusName,
} from './contract.model.js';

export const CONTRACT_LIMITS = {
  reference: 64,
  billedMeters: 20,
  meterName: 64,
  allowancePages: 1_000_000_000,
  attachDevices: 500,
} as const;

/** Meter names as meter reads carry them: canonical (total, scanTotal) or vendor:… extras. */
const METER_NAME = /^[A-Za-z][A-Za-z0-9:._-]*$/;

const reference = z
  .string({ error: 'Reference must be text.' })
  .trim()
  .min(1, { error: 'Reference must not be empty.' })
  .max(CONTRACT_LIMITS.reference, {
    error: (issue) =>
      `Reference must be at most ${CONTRACT_LIMITS.reference} characters (it has ${String((issue.input as string).length)}).`,
  });

const meter = z
  .string()
  .trim()
  .max(CONTRACT_LIMITS.meterName, {
    error: `A meter name must be at most ${CONTRACT_LIMITS.meterName} characters.`,
  })
  .regex(METER_NAME, {
    error: (issue) =>
      `"${String(issue.input)}" is not a meter name (letters, digits and : . _ - only, starting with a letter).`,
  });

const billedMeters = z
  .array(meter)
  .min(1, { error: 'A contract bills at least one meter.' })
  .max(CONTRACT_LIMITS.billedMeters, {
    error: `A contract bills at most ${CONTRACT_LIMITS.billedMeters} meters.`,
  })
  .refine((list) => new Set(list).size === list.length, {
    error: 'Each billed meter may be listed once.',
  });

const allowances = z.array(
  z.object({
    meter,
    pages: z
      .number()
      .int({ error: 'An allowance is a whole number of pages.' })
      .min(0, { error: 'An allowance cannot be negative.' })
      .max(CONTRACT_LIMITS.allowancePages, {
        error: `An allowance must be at most ${CONTRACT_LIMITS.allowancePages.toLocaleString('en')} pages.`,
      }),
  }),
);

/**
 * The rules of contract input, applied by the service so that each message is a sentence of
 * its own; the cross-field rules (dates, allowances of billed meters) are in the service too.
 */
export const CREATE_CONTRACT_RULES = z.object({
  customerId: idSchema,
  reference,
  startDate: z.date({ error: 'Start date must be a date.' }),
  endDate: z.date({ error: 'End date must be a date.' }).nullish(),
  billingCycle: z.enum(BILLING_CYCLES).nullish(),
  billedMeters: billedMeters.nullish(),
  allowances: allowances.nullish(),
});

export const UPDATE_CONTRACT_RULES = z.object({
  id: idSchema,
  reference: reference.nullish(),
  startDate: z.date({ error: 'Start date must be a date.' }).nullish(),
  endDate: z.date({ error: 'End date must be a date.' }).nullish(),
  billingCycle: z.enum(BILLING_CYCLES).nullish(),
  billedMeters: billedMeters.nullish(),
  allowances: allowances.nullish(),
});

@InputType()
export class ContractAllowanceInput {
  @Field({ description: 'One of the billed meters.' })
  meter: string;

  @Field(() => Int, { description: 'Pages included per billing cycle.' })
  pages: number;
}

@InputType()
export class CreateContractInput {
  @Field(() => ID)
  customerId: string;

  @Field({
    description: `The dealer's contract number (unique), at most ${CONTRACT_LIMITS.reference} characters.`,
  })
  reference: string;

  @Field()
  startDate: Date;

  @Field(() => Date, { nullable: true, description: 'Planned end; not before startDate.' })
  endDate?: Date | null;

  @Field(() => BillingCycle, { nullable: true, description: 'Default MONTHLY.' })
  billingCycle?: BillingCycleName | null;

  @Field(() => [String], {
    nullable: true,
    description: `1–${CONTRACT_LIMITS.billedMeters} meter names; default total, mono and color.`,
  })
  billedMeters?: string[] | null;

  @Field(() => [ContractAllowanceInput], { nullable: true })
  allowances?: ContractAllowanceInput[] | null;
}

@InputType({ description: 'A field left out stays as it is.' })
export class UpdateContractInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  reference?: string | null;

  @Field(() => Date, { nullable: true })
  startDate?: Date | null;

  @Field(() => Date, { nullable: true })
  endDate?: Date | null;

  @Field(() => BillingCycle, { nullable: true })
  billingCycle?: BillingCycleName | null;

  @Field(() => [String], { nullable: true })
  billedMeters?: string[] | null;

  @Field(() => [ContractAllowanceInput], {
    nullable: true,
    description: 'Replaces the allowances (an empty list removes them).',
  })
  allowances?: ContractAllowanceInput[] | null;
}

@InputType()
export class AttachDevicesToContractInput {
  static readonly schema = z.object({
    contractId: idSchema,
    deviceIds: z
      .array(idSchema)
      .min(1, { error: 'must name at least one device' })
      .max(CONTRACT_LIMITS.attachDevices, {
        error: `must name at most ${CONTRACT_LIMITS.attachDevices} devices`,
      }),
  });

  @Field(() => ID)
  contractId: string;

  @Field(() => [ID], { description: `1–${CONTRACT_LIMITS.attachDevices} devices of the customer.` })
  deviceIds: string[];
}

@InputType()
export class DetachDeviceFromContractInput {
  static readonly schema = z.object({ contractId: idSchema, deviceId: idSchema });

  @Field(() => ID)
  contractId: string;

  @Field(() => ID)
  deviceId: string;
}

@ArgsType()
export class ContractsArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    customerId: idSchema.nullish(),
    status: z.enum(CONTRACT_STATUSES).nullish(),
  });

  @Field(() => ID, { nullable: true, description: 'Only the contracts of this customer.' })
  customerId?: string | null;

  @Field(() => ContractStatus, { nullable: true, description: 'Only ACTIVE or ENDED ones.' })
  status?: ContractStatusName | null;
}

@ArgsType()
export class ContractDevicesArgs {
  static readonly schema = z.object({ includeDetached: z.boolean().nullish() });

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Also the devices that left it (with their end meters).',
  })
  includeDetached?: boolean | null;
}
