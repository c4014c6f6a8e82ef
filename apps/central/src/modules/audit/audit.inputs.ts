import { ArgsType, Field } from '@nestjs/graphql';
import type { ActorKind as ActorKindName } from '@prisma/client';
import { z } from 'zod';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { ActorKind } from './actor-kind.enum.js';

const ACTION = /^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/;

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  static override readonly schema = PageArgs.schema
    .extend({
      targetType: z.string().trim().min(1).max(100).nullish(),
      targetId: z.string().trim().min(1).max(100).nullish(),
      action: z
        .string()
        .trim()
        .toLowerCase()
        .max(100)
        .regex(ACTION, {
          error: 'must be an action (customer.create) or a family ending in a dot (customer.)',
        })
        .nullish(),
      actorKind: z.enum(Object.values(ActorKind)).nullish(),
      actorId: z.string().trim().min(1).max(100).nullish(),
      from: z.date().nullish(),
      to: z.date().nullish(),
      includeRoutine: z
        .boolean()
        .nullish()
        .transform((value) => value ?? false),
    })
    .refine((args) => !args.from || !args.to || args.from.getTime() < args.to.getTime(), {
      error: 'from must be before to',
      path: ['to'],
    });

  @Field(() => String, {
    nullable: true,
    description: 'Only events about this kind of target, e.g. Customer.',
  })
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  targetId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only this action (customer.create), or a whole family when it ends with a dot (customer.).',
  })
  action?: string | null;

  @Field(() => ActorKind, { nullable: true, description: 'Only events by this kind of actor.' })
  actorKind?: ActorKindName | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only events by this actor: a user, API key or agent id, or a system job name.',
  })
  actorId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time.' })
  to?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Include routine agent traffic (command polls, config checks, accepted uploads); default false.',
  })
  includeRoutine?: boolean;
}

export type AuditFilter = Pick<
  AuditEventsArgs,
  'targetType' | 'targetId' | 'action' | 'actorKind' | 'actorId' | 'from' | 'to'
> & { includeRoutine?: boolean };
