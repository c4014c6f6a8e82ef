import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DEALER_ROLES, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { BillingExportPage } from './billing-export.model.js';
import { BillingExportService, type BillingExportQuery } from './billing-export.service.js';
import { BillingExportArgs } from './usage.inputs.js';
import { CustomerUsageTotal } from './usage.model.js';

type PageWithQuery = BillingExportPage & { query?: BillingExportQuery };

@Resolver(() => BillingExportPage)
export class BillingExportResolver {
  constructor(@Inject(BillingExportService) private readonly billing: BillingExportService) {}

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Query(() => BillingExportPage, {
    description:
      'The billing export as rows: per device and billed meter, start and end read, delta, flags, contract and equipment IDs.',
  })
  async billingExport(@Args() args: BillingExportArgs): Promise<PageWithQuery> {
    const query: BillingExportQuery = {
      customerId: args.customerId ?? null,
      from: args.from,
      to: args.to,
      counters: args.counters ?? null,
    };
    const page = await this.billing.page(query, {
      first: args.first ?? 100,
      after: args.after ?? null,
    });
    return { ...page, customerTotals: [], query };
  }

  @ResolveField(() => [CustomerUsageTotal])
  customerTotals(@Parent() page: PageWithQuery): Promise<CustomerUsageTotal[]> {
    return this.billing.customerTotals(page.query!);
  }
}
