import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import type { CommandStatus as CommandStatusName } from '@prisma/client';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';
import { CommandType } from './command-type.enum.js';
import { CommandStatus } from './command-status.enum.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

@InputType()
export class QueueCommandInput {
  static readonly schema = z
    .object({
      deviceId: idSchema.nullish(),
      agentId: idSchema.nullish(),
      type: z.enum(CommandType),
      params: z
        .record(z.string(), z.unknown())
        .refine((value) => JSON.stringify(value).length <= 4096, {
          error: 'must be at most 4 KiB of JSON',
        })
        .nullish(),
    })
    .refine((input) => Boolean(input.deviceId) !== Boolean(input.agentId), {
      error: 'name exactly one of deviceId and agentId',
      path: ['deviceId'],
    });

  @Field(() => ID, {
    nullable: true,
    description: 'The device to act on; its agent runs the command.',
  })
  deviceId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'For agent-wide actions (e.g. UPDATE_SETTINGS) instead of a device.',
  })
  agentId?: string | null;

  @Field(() => CommandType)
  type: CommandType;

  @Field(() => JsonScalar, { nullable: true })
  params?: Record<string, unknown> | null;
}

@ArgsType()
export class CommandsArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    agentId: idSchema.nullish(),
    deviceId: idSchema.nullish(),
    status: z.enum(CommandStatus).nullish(),
  });

  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Field(() => ID, { nullable: true })
  deviceId?: string | null;

  @Field(() => CommandStatus, { nullable: true })
  status?: CommandStatusName | null;
}
