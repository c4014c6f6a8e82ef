import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema as uuid } from '../../platform/graphql/id.pipe.js';
import { CommandType } from '../commands/command-type.enum.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

const name = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });
const externalRef = z.string().trim().min(1, { error: 'must not be empty' }).max(100).nullish();

@InputType()
export class CreateCustomerInput {
  static readonly schema = z.object({ name, externalRef });

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  externalRef?: string | null;
}

@InputType()
export class UpdateCustomerInput {
  static readonly schema = z.object({ id: uuid, name: name.optional(), externalRef });

  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  name?: string;

  @Field(() => String, { nullable: true, description: 'null clears it; absent leaves it.' })
  externalRef?: string | null;
}

@InputType()
export class SetCustomerConsentInput {
  static readonly schema = z.object({
    customerId: uuid,
    allowedCommandTypes: z
      .array(z.enum(CommandType))
      .max(20)
      .transform((types) => [...new Set(types)]),
  });

  @Field(() => ID)
  customerId: string;

  @Field(() => [CommandType])
  allowedCommandTypes: CommandType[];
}

@ArgsType()
export class CustomersArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    search: z.string().trim().max(200).nullish(),
  });

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on name or externalRef.',
  })
  search?: string | null;
}
