import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEALER_ROLES, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import type { GraphqlContext } from '../../platform/graphql/graphql.setup.js';
import { MeterExportService } from './meter-export.service.js';
import { MeterExportInput, MissingMeterReadsArgs, UsageArgs } from './usage.inputs.js';
import {
  DeviceUsage,
  DeviceUsageConnection,
  MeterExportLink,
  MissingMeterDeviceConnection,
} from './usage.model.js';
import { UsageService } from './usage.service.js';

@Resolver(() => DeviceUsage)
export class UsageResolver {
  constructor(
    @Inject(UsageService) private readonly service: UsageService,
    @Inject(MeterExportService) private readonly exports: MeterExportService,
  ) {}

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Query(() => DeviceUsageConnection, {
    description: 'Billing usage per device and counter between two dates, devices ordered by id.',
  })
  usage(@Args() args: UsageArgs): Promise<DeviceUsageConnection> {
    return this.service.usage(
      {
        customerId: args.filter?.customerId ?? null,
        siteId: args.filter?.siteId ?? null,
        deviceIds: args.filter?.deviceIds ?? null,
        from: args.from,
        to: args.to,
        counters: args.counters ?? null,
      },
      { first: args.first ?? 100, after: args.after ?? null },
    );
  }

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Query(() => MissingMeterDeviceConnection, {
    description: 'Devices with no reading in the `days` before the billing date.',
  })
  missingMeterReads(@Args() args: MissingMeterReadsArgs): Promise<MissingMeterDeviceConnection> {
    return this.service.missing({
      billingDate: args.billingDate,
      days: args.days ?? 7,
      customerId: args.customerId ?? null,
      first: args.first ?? 100,
      after: args.after ?? null,
    });
  }

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Mutation(() => MeterExportLink, {
    description:
      'A signed link (15 minutes) to the billing export CSV of the period (one customer or all).',
  })
  createMeterExport(
    @Args('input') input: MeterExportInput,
    @Context() context: GraphqlContext,
  ): Promise<MeterExportLink> {
    const req = context.req;
    return this.exports.createLink(
      {
        customerId: input.customerId ?? null,
        from: input.from,
        to: input.to,
        counters: input.counters ?? null,
        bom: input.bom ?? false,
      },
      `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    );
  }
}
