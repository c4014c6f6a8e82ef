import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { SupplyOrderStatusEnum } from './replenishment.model.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

const text = z.string().trim().min(1).max(200);
const ruleFields = {
  name: text,
  customerId: idSchema.nullish(),
  model: text.nullish(),
  supplyType: text.nullish(),
  color: text.nullish(),
  thresholdPercent: z.number().min(0).max(100).nullish(),
  forecastDays: z.number().int().min(0).max(365).nullish(),
  leadTimeDays: z.number().int().min(0).max(90).optional(),
  cooldownHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365)
    .optional(),
  consolidate: z.boolean().optional(),
  enabled: z.boolean().optional(),
};

@InputType()
export class CreateReplenishmentRuleInput {
  static readonly schema = z.object(ruleFields);

  @Field()
  name: string;

  @Field(() => ID, { nullable: true, description: 'null: every customer.' })
  customerId?: string | null;

  @Field(() => String, { nullable: true })
  model?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'toner, ink, drum, wasteToner … (payload supply types)',
  })
  supplyType?: string | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => Float, { nullable: true })
  thresholdPercent?: number | null;

  @Field(() => Int, { nullable: true })
  forecastDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'default 0' })
  leadTimeDays?: number;

  @Field(() => Int, { nullable: true, description: 'default 72' })
  cooldownHours?: number;

  @Field({ nullable: true, description: 'default true' })
  consolidate?: boolean;

  @Field({ nullable: true, description: 'default true' })
  enabled?: boolean;
}

@InputType()
export class UpdateReplenishmentRuleInput {
  static readonly schema = z.object({ ...ruleFields, name: text.optional() });

  @Field({ nullable: true })
  name?: string;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => String, { nullable: true })
  model?: string | null;

  @Field(() => String, { nullable: true })
  supplyType?: string | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => Float, { nullable: true })
  thresholdPercent?: number | null;

  @Field(() => Int, { nullable: true })
  forecastDays?: number | null;

  @Field(() => Int, { nullable: true })
  leadTimeDays?: number;

  @Field(() => Int, { nullable: true })
  cooldownHours?: number;

  @Field({ nullable: true })
  consolidate?: boolean;

  @Field({ nullable: true })
  enabled?: boolean;
}

@ArgsType()
export class SupplyOrdersArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    status: z.array(z.enum(SupplyOrderStatusEnum)).min(1).nullish(),
    customerId: idSchema.nullish(),
    deviceId: idSchema.nullish(),
  });

  @Field(() => [SupplyOrderStatusEnum], { nullable: true })
  status?: SupplyOrderStatusEnum[] | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  deviceId?: string | null;
}

@InputType()
export class UpdateSupplyOrderInput {
  static readonly schema = z.object({
    status: z.enum(SupplyOrderStatusEnum).optional(),
    externalRef: z.string().trim().min(1).max(200).nullish(),
  });

  @Field(() => SupplyOrderStatusEnum, { nullable: true })
  status?: SupplyOrderStatusEnum;

  @Field(() => String, { nullable: true, description: 'The ERP order number.' })
  externalRef?: string | null;
}
