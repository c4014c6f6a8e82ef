import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, Roles } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { User, UserConnection } from './user.model.js';
import { CreateUserInput } from './user.inputs.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class UsersResolver {
  constructor(@Inject(UsersService) private readonly service: UsersService) {}

  @Roles(...ALL_ROLES)
  @Query(() => User, { description: 'The signed-in user.' })
  me(): Promise<User> {
    return this.service.me();
  }

  @Roles('PLATFORM_OPERATOR', 'DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => UserConnection)
  users(@Args() args: PageArgs): Promise<UserConnection> {
    return this.service.list(args);
  }

  @Roles('PLATFORM_OPERATOR', 'DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => User)
  user(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<User> {
    return this.service.get(id);
  }

  @Roles('PLATFORM_OPERATOR', 'DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => User, {
    description:
      'Dealer admins create any tenant role; customer admins create users of their customer.',
  })
  createUser(@Args('input') input: CreateUserInput): Promise<User> {
    return this.service.create(input);
  }

  @Roles('PLATFORM_OPERATOR', 'DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => User, { description: 'Blocks sign-in and ends the user’s sessions.' })
  disableUser(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<User> {
    return this.service.disable(id);
  }
}
