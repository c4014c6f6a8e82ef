import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DEALER_ROLES, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { ReconciliationArgs, DEFAULT_SILENT_DAYS } from './reconciliation.inputs.js';
import { ReconciliationReport } from './reconciliation.model.js';
import { reconciliationCsv } from './reconciliation-csv.js';
import { ReconciliationService } from './reconciliation.service.js';

@Resolver(() => ReconciliationReport)
export class ReconciliationResolver {
  constructor(@Inject(ReconciliationService) private readonly service: ReconciliationService) {}

  @Roles(...DEALER_ROLES)
  @Scopes('meters:read')
  @Query(() => ReconciliationReport, {
    description:
      'Before billing: contracted devices without a reading in the silentDays before billingDate, reporting devices under no contract, serial changes, meter reads awaiting review. Also as CSV: GET /api/v1/reconciliation.csv.',
  })
  reconciliation(@Args() args: ReconciliationArgs): Promise<ReconciliationReport> {
    return this.service.report({
      customerId: args.customerId ?? null,
      billingDate: args.billingDate ?? new Date(),
      silentDays: args.silentDays ?? DEFAULT_SILENT_DAYS,
    });
  }

  @ResolveField(() => String, {
    description:
      'The report as CSV text (the columns of GET /api/v1/reconciliation.csv), for a browser download.',
  })
  csv(
    @Parent() report: ReconciliationReport,
    @Args('bom', { type: () => Boolean, nullable: true, defaultValue: false }) bom: boolean,
  ): string {
    return reconciliationCsv(report, { bom });
  }
}
