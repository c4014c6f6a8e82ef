import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../platform/auth/auth.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { CreatedTenant, Tenant, TenantConnection } from './tenant.model.js';
import { CreateTenantInput } from './tenant.inputs.js';
import { TenantsService } from './tenants.service.js';

/** Platform-operator resolvers: the only place that acts across tenants. */
@Resolver(() => Tenant)
@Roles('PLATFORM_OPERATOR')
export class TenantsResolver {
  constructor(@Inject(TenantsService) private readonly service: TenantsService) {}

  @Query(() => TenantConnection, {
    description: 'Dealer tenants, newest first (platform operators only).',
  })
  tenants(@Args() args: PageArgs): Promise<TenantConnection> {
    return this.service.list(args);
  }

  @Query(() => Tenant)
  tenant(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Tenant> {
    return this.service.get(id);
  }

  @Mutation(() => CreatedTenant, {
    description: 'Creates a dealer tenant and its first dealer admin.',
  })
  createTenant(
    @Args('input') input: CreateTenantInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedTenant> {
    return this.service.create(input, principal);
  }
}
