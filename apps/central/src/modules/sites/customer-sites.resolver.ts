import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { Customer } from '../customers/customer.model.js';
import { CustomerSitesLoader } from './customer-sites.loader.js';
import { SiteConnection } from './site.model.js';

/** `Customer.sites`: the sites module extends the customer type rather than the reverse. */
@Resolver(() => Customer)
export class CustomerSitesResolver {
  constructor(@Inject(CustomerSitesLoader) private readonly loader: CustomerSitesLoader) {}

  @ResolveField(() => SiteConnection)
  sites(
    @Parent() customer: Customer,
    @Args() args: PageArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<SiteConnection> {
    return this.loader.sitesOf(loaders, customer.id, args);
  }
}
