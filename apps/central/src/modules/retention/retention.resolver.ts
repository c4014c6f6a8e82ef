import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { RetentionSettings, RetentionSettingsInput } from './retention.model.js';
import { RetentionService } from './retention.service.js';

@Resolver(() => RetentionSettings)
export class RetentionResolver {
  constructor(@Inject(RetentionService) private readonly service: RetentionService) {}

  @Roles('DEALER_ADMIN')
  @Query(() => RetentionSettings)
  retentionSettings(): Promise<RetentionSettings> {
    return this.service.settings();
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => RetentionSettings, {
    description:
      'Shorter periods take effect at the next nightly run; deleted data cannot be restored.',
  })
  updateRetentionSettings(
    @Args('input') input: RetentionSettingsInput,
  ): Promise<RetentionSettings> {
    return this.service.updateSettings(input);
  }
}
