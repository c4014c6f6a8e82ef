import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ActorKind as ActorKindName, AuditOutcome as AuditOutcomeName } from '@prisma/client';
import { ActorKind } from './actor-kind.enum.js';
import { Connection } from '../../platform/graphql/pagination.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';

const AuditOutcome = {
  SUCCESS: 'SUCCESS',
  FAILURE: 'FAILURE',
  DENIED: 'DENIED',
} as const satisfies Record<AuditOutcomeName, AuditOutcomeName>;
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

@ObjectType({ description: 'Who did what to what, and how it ended.' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field({ description: 'Who acted, as `<kind>:<id>`, e.g. `USER:3f2…`; for display.' })
  actor: string;

  @Field(() => ActorKind)
  actorKind: ActorKindName;

  @Field(() => String, { nullable: true })
  actorId: string | null;

  @Field({ description: 'Dotted verb, e.g. customer.create, api_key.revoke, user.sign_in.' })
  action: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => ID, { nullable: true })
  customerId: string | null;

  @Field(() => AuditOutcome)
  outcome: AuditOutcomeName;

  @Field(() => JsonScalar, { nullable: true })
  details: unknown;

  @Field({
    description: 'Routine agent traffic (command poll, config check, accepted upload).',
  })
  routine: boolean;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent) {}
