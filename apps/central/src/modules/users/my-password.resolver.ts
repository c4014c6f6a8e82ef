import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, CurrentPrincipal, Roles } from '../../platform/auth/auth.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { GraphqlContext } from '../../platform/graphql/graphql.setup.js';
import { MyPasswordService } from './my-password.service.js';
import { ChangeMyPasswordInput } from './user.inputs.js';
import { User } from './user.model.js';

@Resolver(() => User)
export class MyPasswordResolver {
  constructor(@Inject(MyPasswordService) private readonly service: MyPasswordService) {}

  @Roles(...ALL_ROLES)
  @Mutation(() => User, {
    description:
      'Replaces the signed-in user’s password. This session stays signed in; all others end.',
  })
  changeMyPassword(
    @Args('input') input: ChangeMyPasswordInput,
    @CurrentPrincipal() principal: Principal,
    @Context() { req }: GraphqlContext,
  ): Promise<User> {
    return this.service.change(input, {
      sessionId: principal.sessionId ?? null,
      ip: req.ip ?? null,
    });
  }
}
