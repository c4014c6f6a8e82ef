import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEALER_ROLES, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { MeterDiscontinuity, MeterDiscontinuityConnection } from './meter-discontinuity.model.js';
import { MeterDiscontinuitiesArgs, ReviewMeterDiscontinuityInput } from './meters.inputs.js';
import { MetersService } from './meters.service.js';

@Resolver(() => MeterDiscontinuity)
export class MetersResolver {
  constructor(@Inject(MetersService) private readonly service: MetersService) {}

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Query(() => MeterDiscontinuityConnection, {
    description: 'Counter drops; OPEN ones (waiting for review) first, newest first.',
  })
  meterDiscontinuities(
    @Args() args: MeterDiscontinuitiesArgs,
  ): Promise<MeterDiscontinuityConnection> {
    return this.service.list(args);
  }

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Mutation(() => MeterDiscontinuity, {
    description:
      'Accept a drop as a counter reset (with an offset), or reject the later reading as a bad read.',
  })
  reviewMeterDiscontinuity(
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: ReviewMeterDiscontinuityInput,
  ): Promise<MeterDiscontinuity> {
    return this.service.review(id, input);
  }
}
