import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { readReviewRefusal, statusOf, type CounterRange } from '@printbeat/domain';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import {
  offsetOf,
  toOffsetConnection,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import {
  MeterReadReviewDecision,
  MeterReadReviewReasonEnum,
  MeterReadReviewStatusEnum,
  type MeterReadReview,
} from './meter-read-review.model.js';
import type {
  MeterReadReviewsArgs,
  MeterReadsAwaitingReviewArgs,
  ReviewMeterReadInput,
} from './meter-read-review.inputs.js';
import { MeterReadReviewRepository, type ReviewWithRead } from './meter-read-review.repository.js';
import {
  MeterDiscontinuityNotFoundError,
  MeterReadAlreadyReviewedError,
  MeterReadReviewNotFoundError,
} from './meters.errors.js';
import { MetersService } from './meters.service.js';

/**
 * Review of flagged reads before billing: list what waits, count it (reconciliation), decide.
 * A decision on a counter drop's read decides the drop too (APPROVE: accepted reset; EXCLUDE:
 * rejected read; CORRECT: corrected); which reads billing then uses is `billable-read.ts`.
 */
@Injectable()
export class MeterReadReviewService {
  constructor(
    @Inject(MeterReadReviewRepository) private readonly repository: MeterReadReviewRepository,
    @Inject(MetersService) private readonly meters: MetersService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  awaiting(args: MeterReadsAwaitingReviewArgs): Promise<ConnectionShape<MeterReadReview>> {
    return this.list({
      first: args.first,
      after: args.after,
      customerId: args.customerId,
      status: [MeterReadReviewStatusEnum.PENDING],
    });
  }

  async list(args: MeterReadReviewsArgs): Promise<ConnectionShape<MeterReadReview>> {
    const first = args.first ?? 20;
    const skip = args.after ? offsetOf(args.after) : 0;
    const rows = await this.db.run((tx) =>
      this.repository.list(
        tx,
        {
          statuses: args.status ?? null,
          customerId: args.customerId ?? null,
          deviceId: args.deviceId ?? null,
        },
        { take: first + 1, skip },
      ),
    );
    return toOffsetConnection(rows, first, skip, toModel);
  }

  /** Reads waiting for review in the caller's tenant (of one customer, or of some devices). */
  countAwaiting(
    filter: { customerId?: string | null; deviceIds?: string[] | null } = {},
  ): Promise<number> {
    return this.db.run((tx) =>
      this.repository.count(tx, {
        customerId: filter.customerId ?? null,
        deviceIds: filter.deviceIds ?? null,
      }),
    );
  }

  review(id: string, input: ReviewMeterReadInput): Promise<MeterReadReview> {
    const { actor } = tenantContext.get();
    return this.db.run(async (tx) => {
      const found = await this.repository.find(tx, id);
      if (!found) throw new MeterReadReviewNotFoundError(id);
      // A drop's decision changes what later reads are compared with: it is made once.
      if (found.status !== 'PENDING' && found.reason === 'DISCONTINUITY')
        throw new MeterReadAlreadyReviewedError(id, found.status);
      const decision = input.decision;
      const correctedValue = input.correctedValue ?? null;
      const reason = input.reason?.trim() || null;
      const refusal = readReviewRefusal(
        decision,
        { correctedValue, reason },
        decision === MeterReadReviewDecision.CORRECT
          ? await this.rangeOf(tx, found)
          : { min: null, max: null },
      );
      if (refusal)
        throw new BadUserInputError(refusal.message, [
          { field: `input.${refusal.field}`, message: refusal.message },
        ]);

      const status = statusOf(decision);
      const decided = await this.repository.decide(tx, id, found.status, {
        status,
        correctedValue: status === 'CORRECTED' ? BigInt(correctedValue!) : null,
        decisionReason: reason,
        reviewedByUserId: actor.kind === 'user' ? actor.userId : null,
      });
      if (!decided) throw new MeterReadAlreadyReviewedError(id, 'reviewed concurrently');
      if (found.discontinuityId) await this.decideDrop(tx, found.discontinuityId, status, reason);

      await this.audit.record(tx, {
        action: 'meter_read.review',
        targetType: 'MeterReadReview',
        targetId: id,
        customerId: found.customerId,
        details: {
          deviceId: found.deviceId,
          readId: found.readId,
          readAt: found.read.readAt.toISOString(),
          counter: found.counter,
          reason: found.reason,
          decision,
          before: {
            status: found.status,
            value: Number(found.correctedValue ?? found.originalValue),
            reason: found.decisionReason,
          },
          after: {
            status,
            value: status === 'CORRECTED' ? correctedValue : Number(found.originalValue),
            reason,
          },
        },
      });
      return toModel((await this.repository.find(tx, id))!);
    });
  }

  private async decideDrop(
    tx: Prisma.TransactionClient,
    discontinuityId: string,
    status: 'APPROVED' | 'CORRECTED' | 'EXCLUDED',
    reason: string | null,
  ): Promise<void> {
    const drop = await this.meters.findDiscontinuity(tx, discontinuityId);
    if (!drop) throw new MeterDiscontinuityNotFoundError(discontinuityId);
    await this.meters.decideDiscontinuity(tx, drop, {
      status:
        status === 'APPROVED' ? 'ACCEPTED_RESET' : status === 'EXCLUDED' ? 'REJECTED' : 'CORRECTED',
      offset: null,
      note: reason,
    });
  }

  /**
   * A corrected value lies between the billed value before the read (for a counter drop: the
   * value before the drop) and the billed value of the next read, so the counter never goes
   * down.
   */
  private async rangeOf(
    tx: Prisma.TransactionClient,
    found: ReviewWithRead,
  ): Promise<CounterRange> {
    const { before, after } = await this.repository.neighbours(
      tx,
      { tenantId: found.tenantId, deviceId: found.deviceId, readAt: found.read.readAt },
      found.counter,
    );
    const drop = found.discontinuity;
    return {
      min: drop ? { value: Number(drop.beforeValue), readAt: drop.beforeRead.readAt } : before,
      max: after,
    };
  }
}

export function toModel(row: ReviewWithRead): MeterReadReview {
  const details = (row.details ?? {}) as {
    alternativeSource?: string;
    alternativeValue?: number;
    reason?: string;
  };
  return {
    id: row.id,
    deviceId: row.deviceId,
    customerId: row.customerId,
    deviceSerialNumber: row.device.serialNumber,
    deviceName: row.device.displayName ?? row.device.model,
    readId: row.readId,
    readAt: row.read.readAt,
    counter: row.counter,
    reason: MeterReadReviewReasonEnum[row.reason],
    discontinuityId: row.discontinuityId,
    originalValue: Number(row.originalValue),
    previousValue: row.discontinuity ? Number(row.discontinuity.beforeValue) : null,
    alternativeSource: details.alternativeSource ?? null,
    alternativeValue: details.alternativeValue ?? null,
    estimateReason: row.reason === 'ESTIMATED' ? (details.reason ?? null) : null,
    status: MeterReadReviewStatusEnum[row.status],
    correctedValue: row.correctedValue === null ? null : Number(row.correctedValue),
    decisionReason: row.decisionReason,
    detectedAt: row.detectedAt,
    reviewedAt: row.reviewedAt,
    reviewedByUserId: row.reviewedByUserId,
  };
}
