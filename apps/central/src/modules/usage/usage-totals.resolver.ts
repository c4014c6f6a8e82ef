import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CustomerUsageTotal, DeviceUsageConnection, MeterReadSpan } from './usage.model.js';
import { UsageService } from './usage.service.js';

/**
 * The connection-wide fields of `usage`: computed only when asked, over every device the
 * query's filter selects (not just the page), in the caller's tenant scope.
 */
@Resolver(() => DeviceUsageConnection)
export class UsageTotalsResolver {
  constructor(@Inject(UsageService) private readonly service: UsageService) {}

  @ResolveField(() => [CustomerUsageTotal], {
    description:
      'Per customer, the period’s pages of every device the filter selects (all pages), by counter.',
  })
  customerTotals(@Parent() connection: DeviceUsageConnection): Promise<CustomerUsageTotal[]> {
    return connection.query
      ? this.service.customerTotals(connection.query, connection.everyDevice)
      : Promise.resolve([]);
  }

  @ResolveField(() => MeterReadSpan, {
    description:
      'When the devices the filter selects were first and last read (to pick a period with data).',
  })
  readSpan(@Parent() connection: DeviceUsageConnection): Promise<MeterReadSpan> {
    return connection.query
      ? this.service.readSpan(connection.query)
      : Promise.resolve({ firstReadAt: null, lastReadAt: null });
  }
}
