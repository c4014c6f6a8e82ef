import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEALER_ROLES, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { MeterReadReview, MeterReadReviewConnection } from './meter-read-review.model.js';
import {
  MeterReadReviewsArgs,
  MeterReadsAwaitingReviewArgs,
  RecordEstimatedMeterReadInput,
  ReviewMeterReadInput,
} from './meter-read-review.inputs.js';
import { MeterReadReviewService } from './meter-read-review.service.js';
import { EstimatedMeterReadService } from './estimated-meter-read.service.js';

@Resolver(() => MeterReadReview)
export class MeterReadReviewResolver {
  constructor(
    @Inject(MeterReadReviewService) private readonly service: MeterReadReviewService,
    @Inject(EstimatedMeterReadService) private readonly estimates: EstimatedMeterReadService,
  ) {}

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Query(() => MeterReadReviewConnection, {
    description: 'Flagged reads waiting for review before billing, oldest first.',
  })
  meterReadsAwaitingReview(
    @Args() args: MeterReadsAwaitingReviewArgs,
  ): Promise<MeterReadReviewConnection> {
    return this.service.awaiting(args);
  }

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Query(() => MeterReadReviewConnection, {
    description: 'Flagged reads with their review state (all states unless `status` is given).',
  })
  meterReadReviews(@Args() args: MeterReadReviewsArgs): Promise<MeterReadReviewConnection> {
    return this.service.list(args);
  }

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Mutation(() => MeterReadReview, {
    description:
      'Approve a flagged read, correct it (the corrected value is kept beside the read) or exclude it from billing; a reason is required to correct or exclude.',
  })
  reviewMeterRead(
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: ReviewMeterReadInput,
  ): Promise<MeterReadReview> {
    return this.service.review(id, input);
  }

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Mutation(() => [MeterReadReview], {
    description:
      'Enter an estimated meter read for a device that did not report one (e.g. counters the customer read off the panel). Every counter waits for review as ESTIMATED: billing uses the neighbouring read until a reviewer approves or corrects it.',
  })
  recordEstimatedMeterRead(
    @Args('input') input: RecordEstimatedMeterReadInput,
  ): Promise<MeterReadReview[]> {
    return this.estimates.record(input);
  }
}
