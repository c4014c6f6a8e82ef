import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes } from '../../platform/auth/auth.decorators.js';
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
}
