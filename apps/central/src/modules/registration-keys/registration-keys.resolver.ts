import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import {
  CreatedRegistrationKey,
  RegistrationKey,
  RegistrationKeyConnection,
} from './registration-key.model.js';
import { CreateRegistrationKeyInput, RegistrationKeysArgs } from './registration-key.inputs.js';
import { RegistrationKeysService } from './registration-keys.service.js';

/** Dealer admins for every customer; customer admins for their own customer only. */
@Resolver(() => RegistrationKey)
export class RegistrationKeysResolver {
  constructor(@Inject(RegistrationKeysService) private readonly service: RegistrationKeysService) {}

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => RegistrationKeyConnection)
  registrationKeys(@Args() args: RegistrationKeysArgs): Promise<RegistrationKeyConnection> {
    return this.service.list(args);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => CreatedRegistrationKey, {
    description: 'The secret is in this response only; it is stored hashed.',
  })
  createRegistrationKey(
    @Args('input') input: CreateRegistrationKeyInput,
  ): Promise<CreatedRegistrationKey> {
    return this.service.create(input);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => RegistrationKey)
  revokeRegistrationKey(
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<RegistrationKey> {
    return this.service.revoke(id);
  }
}
