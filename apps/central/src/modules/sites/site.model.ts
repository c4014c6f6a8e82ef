import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';

@ObjectType({ description: 'A location of a customer; agents and devices belong to one.' })
export class Site {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Berlin.' })
  timeZone: string | null;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class SiteConnection extends Connection(Site) {}
