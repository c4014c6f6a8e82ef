import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MeterExportLink } from '../usage/usage.model.js';
import { Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import type { GraphqlContext } from '../../platform/graphql/graphql.setup.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import {
  BillingExportFile,
  BillingExportFilesArgs,
  BillingExportSchedule,
  BillingExportScheduleInput,
  RunBillingExportInput,
} from './billing-exports.model.js';
import { BillingExportsService } from './billing-exports.service.js';

@Resolver(() => BillingExportFile)
export class BillingExportsResolver {
  constructor(@Inject(BillingExportsService) private readonly exports: BillingExportsService) {}

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Scopes('meters:read')
  @Query(() => BillingExportSchedule)
  billingExportSchedule(): Promise<BillingExportSchedule> {
    return this.exports.schedule();
  }

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Mutation(() => BillingExportSchedule)
  updateBillingExportSchedule(
    @Args('input') input: BillingExportScheduleInput,
  ): Promise<BillingExportSchedule> {
    return this.exports.updateSchedule(input);
  }

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Scopes('meters:read')
  @Query(() => [BillingExportFile], { description: 'Produced billing exports, newest first.' })
  billingExportFiles(@Args() args: BillingExportFilesArgs): Promise<BillingExportFile[]> {
    return this.exports.files(args.first ?? 24);
  }

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Scopes('meters:read')
  @Mutation(() => BillingExportFile, {
    description: 'Produces the billing export of a period now and keeps it (not e-mailed).',
  })
  runBillingExport(@Args('input') input: RunBillingExportInput): Promise<BillingExportFile> {
    return this.exports.runNow({ from: input.from, to: input.to }, input.bom ?? null);
  }

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Scopes('meters:read')
  @Mutation(() => MeterExportLink, {
    description: 'A signed link (15 minutes) to download a kept billing export.',
  })
  createBillingExportFileLink(
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Context() context: GraphqlContext,
  ): Promise<MeterExportLink> {
    const req = context.req;
    return this.exports.createLink(id, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  }
}
