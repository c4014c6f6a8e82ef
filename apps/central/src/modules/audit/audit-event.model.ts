import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
// eslint-disable-next-line no-restricted-imports -- enum values for GraphQL enum registration, not the client
import { ActorKind, AuditOutcome } from '@prisma/client';
import { Connection } from '../../platform/graphql/pagination.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';

registerEnumType(ActorKind, { name: 'ActorKind' });
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
  actorKind: ActorKind;

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
  outcome: AuditOutcome;

  @Field(() => JsonScalar, { nullable: true })
  details: unknown;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent) {}
