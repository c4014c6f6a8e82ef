import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';

@ObjectType({
  description:
    'A key agents enroll with, for one customer site. The secret is never shown again after creation.',
})
export class RegistrationKey {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID)
  siteId: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field({ description: 'Identifies the key in lists: pbr_<prefix>_…' })
  prefix: string;

  @Field()
  expiresAt: Date;

  @Field(() => Int, { nullable: true, description: 'Null: unlimited until expiry or revocation.' })
  maxUses: number | null;

  @Field(() => Int)
  useCount: number;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class RegistrationKeyConnection extends Connection(RegistrationKey) {}

@ObjectType()
export class CreatedRegistrationKey {
  @Field(() => RegistrationKey)
  registrationKey: RegistrationKey;

  @Field({
    description:
      'The key itself, `pbr_<prefix>_<secret>`, for `printbeat-agent enroll --key`. Shown only in this response.',
  })
  secret: string;
}
