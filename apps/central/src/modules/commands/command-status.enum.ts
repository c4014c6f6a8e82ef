import { registerEnumType } from '@nestjs/graphql';
import type {
  ActorKind as ActorKindName,
  CommandStatus as CommandStatusName,
} from '@prisma/client';

/** The database enums as GraphQL enums (values spelled out: modules never import Prisma values). */
export const CommandStatus = {
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  EXPIRED: 'EXPIRED',
  CANCELLED: 'CANCELLED',
} as const satisfies Record<CommandStatusName, CommandStatusName>;

export const ActorKind = {
  USER: 'USER',
  API_KEY: 'API_KEY',
  AGENT: 'AGENT',
  SYSTEM: 'SYSTEM',
  ANONYMOUS: 'ANONYMOUS',
} as const satisfies Record<ActorKindName, ActorKindName>;

registerEnumType(CommandStatus, {
  name: 'CommandStatus',
  description:
    'PENDING → DELIVERED → SUCCEEDED | FAILED; EXPIRED after the TTL; CANCELLED by a person.',
});
registerEnumType(ActorKind, { name: 'ActorKind' });
