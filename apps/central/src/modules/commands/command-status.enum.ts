import { registerEnumType } from '@nestjs/graphql';
import type { CommandStatus as CommandStatusName } from '@prisma/client';

/** The database enum as a GraphQL enum (values spelled out: modules never import Prisma values). */
export const CommandStatus = {
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  EXPIRED: 'EXPIRED',
  CANCELLED: 'CANCELLED',
} as const satisfies Record<CommandStatusName, CommandStatusName>;

registerEnumType(CommandStatus, {
  name: 'CommandStatus',
  description:
    'PENDING → DELIVERED → SUCCEEDED | FAILED; EXPIRED after the TTL; CANCELLED by a person.',
});
