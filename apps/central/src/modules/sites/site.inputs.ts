import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

const name = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });
const address = z.string().trim().max(500).nullish();
const timeZone = z
  .string()
  .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' })
  .nullish();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

@InputType()
export class CreateSiteInput {
  static readonly schema = z.object({ customerId: idSchema, name, address, timeZone });

  @Field(() => ID)
  customerId: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;
}

@InputType()
export class UpdateSiteInput {
  static readonly schema = z.object({ id: idSchema, name: name.optional(), address, timeZone });

  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;
}

@ArgsType()
export class SitesArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    customerId: idSchema.nullish(),
  });

  @Field(() => ID, { nullable: true, description: 'Only the sites of this customer.' })
  customerId?: string | null;
}
