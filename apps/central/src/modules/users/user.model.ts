import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';
import { UserRole } from '../../platform/auth/user-role.enum.js';

@ObjectType({ description: 'A person who signs in to the portal.' })
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => UserRole)
  role: UserRole;

  @Field(() => ID)
  tenantId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Set for customer users: the one customer they see.',
  })
  customerId: string | null;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastLoginAt: Date | null;
  @Field({
    description: 'Invited by e-mail and no password chosen yet: the user cannot sign in so far.',
  })
  invitationPending: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class UserConnection extends Connection(User) {}
