import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { Customer } from '../customers/customer.model.js';
import { SiteConnection } from './site.model.js';
import { SitesService } from './sites.service.js';

/** `Customer.sites`: the sites module extends the customer type rather than the reverse. */
@Resolver(() => Customer)
export class CustomerSitesResolver {
  constructor(@Inject(SitesService) private readonly service: SitesService) {}

  @ResolveField(() => SiteConnection)
  sites(@Parent() customer: Customer, @Args() args: PageArgs): Promise<SiteConnection> {
    return this.service.list({ ...args, customerId: customer.id });
  }
}
