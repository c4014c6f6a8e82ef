import { Field, ID, ObjectType } from '@nestjs/graphql';
import type {
  ActorKind as ActorKindName,
  CommandStatus as CommandStatusName,
} from '@prisma/client';
import { Connection } from '../../platform/graphql/pagination.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';
import { CommandType } from './command-type.enum.js';
import { ActorKind } from '../audit/actor-kind.enum.js';
import { CommandStatus } from './command-status.enum.js';

@ObjectType({
  description: 'A remote action queued for an agent (and usually one of its devices).',
})
export class Command {
  @Field(() => ID)
  id: string;

  @Field(() => CommandType)
  type: CommandType;

  @Field(() => CommandStatus)
  status: CommandStatusName;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID)
  agentId: string;

  @Field(() => ID, { nullable: true })
  deviceId: string | null;

  @Field(() => JsonScalar)
  params: unknown;

  @Field(() => JsonScalar, {
    nullable: true,
    description:
      'What the agent reported; `refused: true` when its local config forbade the action.',
  })
  result: unknown;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => ActorKind)
  requestedByKind: ActorKindName;

  @Field(() => String, { nullable: true })
  requestedById: string | null;

  @Field()
  createdAt: Date;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt: Date | null;
}

@ObjectType()
export class CommandConnection extends Connection(Command) {}
