import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import {
  CustomerMaskingSettings,
  CustomerMaskingSettingsInput,
  MaskingSettings,
  MaskingSettingsInput,
} from './masking.model.js';
import { MaskingService } from './masking.service.js';

@Resolver(() => MaskingSettings)
export class MaskingResolver {
  constructor(@Inject(MaskingService) private readonly service: MaskingService) {}

  @Roles('DEALER_ADMIN')
  @Query(() => MaskingSettings, { description: "The dealer's masking for all its customers." })
  maskingSettings(): Promise<MaskingSettings> {
    return this.service.tenantSettings();
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => MaskingSettings, {
    description:
      'Agents apply it from their next config fetch (announced with their next command poll); what central already stored stays.',
  })
  updateMaskingSettings(@Args('input') input: MaskingSettingsInput): Promise<MaskingSettings> {
    return this.service.updateTenantSettings(input);
  }

  @Roles(...TENANT_ROLES)
  @Query(() => CustomerMaskingSettings)
  customerMaskingSettings(
    @Args('customerId', { type: () => ID }, IdPipe) customerId: string,
  ): Promise<CustomerMaskingSettings> {
    return this.service.customerSettings(customerId);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => CustomerMaskingSettings, {
    description:
      "The customer's own masking; its agents apply per group the stricter of this and the dealer's.",
  })
  updateCustomerMaskingSettings(
    @Args('input') input: CustomerMaskingSettingsInput,
  ): Promise<CustomerMaskingSettings> {
    const { customerId, ...changes } = input;
    return this.service.updateCustomerSettings(customerId, changes);
  }
}
