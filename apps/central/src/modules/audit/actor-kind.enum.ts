import { registerEnumType } from '@nestjs/graphql';
import type { ActorKind as ActorKindName } from '@prisma/client';

/** Who acted, as recorded by the audit trail; commands reuse it for `requestedByKind`. */
export const ActorKind = {
  USER: 'USER',
  API_KEY: 'API_KEY',
  AGENT: 'AGENT',
  SYSTEM: 'SYSTEM',
  ANONYMOUS: 'ANONYMOUS',
} as const satisfies Record<ActorKindName, ActorKindName>;

registerEnumType(ActorKind, { name: 'ActorKind' });
