import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';
import { CommandType } from '../commands/command-type.enum.js';

@ObjectType({ description: "A dealer's end customer." })
export class Customer {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: "The dealer's own customer number." })
  externalRef: string | null;

  @Field(() => [CommandType], {
    description: 'Consent: the remote actions that may be queued for this customer.',
  })
  allowedCommandTypes: CommandType[];

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When deletion was requested: the nightly retention job deletes all its data once the grace period (`retentionSettings.customerDeletionGraceDays`) has passed.',
  })
  deletionRequestedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class CustomerConnection extends Connection(Customer) {}
