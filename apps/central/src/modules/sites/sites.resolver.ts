import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { Site, SiteConnection } from './site.model.js';
import { CreateSiteInput, SitesArgs, UpdateSiteInput } from './site.inputs.js';
import { SitesService } from './sites.service.js';

@Resolver(() => Site)
export class SitesResolver {
  constructor(@Inject(SitesService) private readonly service: SitesService) {}

  @Roles(...TENANT_ROLES)
  @Query(() => SiteConnection)
  sites(@Args() args: SitesArgs): Promise<SiteConnection> {
    return this.service.list(args);
  }

  @Roles(...TENANT_ROLES)
  @Query(() => Site)
  site(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Site> {
    return this.service.get(id);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => Site)
  createSite(@Args('input') input: CreateSiteInput): Promise<Site> {
    return this.service.create(input);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => Site)
  updateSite(@Args('input') input: UpdateSiteInput): Promise<Site> {
    return this.service.update(input);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => Site)
  archiveSite(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Site> {
    return this.service.archive(id);
  }
}
