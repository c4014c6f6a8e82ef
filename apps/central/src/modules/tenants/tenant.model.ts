import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';
import { User } from '../users/user.model.js';

@ObjectType({ description: 'A dealer: the unit of isolation.' })
export class Tenant {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Globally unique, URL-safe.' })
  slug: string;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class TenantConnection extends Connection(Tenant) {}

@ObjectType()
export class CreatedTenant {
  @Field(() => Tenant)
  tenant: Tenant;

  @Field(() => User, { description: 'The first dealer admin of the tenant.' })
  admin: User;
}
