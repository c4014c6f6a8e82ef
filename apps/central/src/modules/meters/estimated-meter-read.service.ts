import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import {
  ESTIMATED_SOURCE,
  estimatedReadPlacementRefusal,
  estimatedReadRefusal,
  storedCounters,
  type CounterRange,
  type EstimatedReadRefusal,
} from '@printbeat/domain';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
} from '../../platform/errors/domain.errors.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { MeterReadReview } from './meter-read-review.model.js';
import type { RecordEstimatedMeterReadInput } from './meter-read-review.inputs.js';
import { MeterReadReviewRepository } from './meter-read-review.repository.js';
import { toModel } from './meter-read-review.service.js';
import { MetersRepository } from './meters.repository.js';
import { MetersService } from './meters.service.js';

/**
 * A meter read a person enters for a device that did not report one: stored through
 * `MetersService.recordReadings` like any read (each counter's source `estimated`), every
 * counter flagged ESTIMATED, so billing skips it until a reviewer approves or corrects it
 * (`billable-read.ts`).
 */
@Injectable()
export class EstimatedMeterReadService {
  constructor(
    @Inject(MetersService) private readonly meters: MetersService,
    @Inject(MetersRepository) private readonly reads: MetersRepository,
    @Inject(MeterReadReviewRepository) private readonly reviews: MeterReadReviewRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  record(input: RecordEstimatedMeterReadInput): Promise<MeterReadReview[]> {
    const { actor } = tenantContext.get();
    return this.db.run(async (tx) => {
      const device = await this.reads.findDevice(tx, input.deviceId);
      if (!device) throw new NotFoundError('Device', input.deviceId);
      if (device.mergedIntoId)
        throw refused({
          field: 'deviceId',
          message:
            'This device was merged into another device, which holds its history; enter the estimate there.',
        });
      if (device.retiredAt)
        throw refused({
          field: 'deviceId',
          message: `This device was retired on ${device.retiredAt.toISOString()}; a retired device bills no further reads.`,
        });
      const reason = input.reason.trim();
      const estimate = { readAt: input.readAt, counters: input.counters, reason };
      const shape = estimatedReadRefusal(estimate, {
        now: new Date(),
        knownCounters: await this.reads.counterNames(tx, device),
      });
      if (shape) throw refused(shape);
      const { existing, nearby } = await this.reads.readsAround(tx, device.id, input.readAt);
      const placement = estimatedReadPlacementRefusal(estimate, {
        existing,
        nearby: nearby.map((read) =>
          read ? { readAt: read.readAt, counters: storedCounters(read.counters) } : null,
        ),
        ranges: await this.ranges(tx, device, input),
      });
      if (placement) throw refused(placement);

      const counters = Object.fromEntries(input.counters.map((c) => [c.name, c.value]));
      const recorded = await this.meters.recordReadings(
        tx,
        [
          {
            device: { ...device, monitored: device.monitoringPausedAt === null },
            readings: [
              {
                readAt: input.readAt,
                counters,
                sources: Object.fromEntries(input.counters.map((c) => [c.name, ESTIMATED_SOURCE])),
              },
            ],
          },
        ],
        // The whole read is reviewed as an estimate: its own values are not checked against each other.
        { counterSourceTolerancePercent: Number.POSITIVE_INFINITY },
      );
      const read =
        recorded.stored === 1 ? await this.reads.readAt(tx, device.id, input.readAt) : null;
      if (!read)
        throw new ConflictError(
          `The device got a read at ${input.readAt.toISOString()} meanwhile; an estimate needs a time of its own.`,
        );

      const enteredByUserId = actor.kind === 'user' ? actor.userId : null;
      await this.reviews.flag(
        tx,
        input.counters.map((counter) => ({
          tenantId: device.tenantId,
          customerId: device.customerId,
          deviceId: device.id,
          readId: read.id,
          readAt: read.readAt,
          counter: counter.name,
          reason: 'ESTIMATED',
          discontinuityId: null,
          originalValue: counter.value,
          details: { reason, enteredByUserId },
        })),
      );
      await this.audit.record(tx, {
        action: 'meter_read.estimate',
        targetType: 'MeterRead',
        targetId: read.id,
        customerId: device.customerId,
        details: {
          deviceId: device.id,
          readAt: read.readAt.toISOString(),
          counters,
          reason,
        },
      });
      return (await this.reviews.ofRead(tx, read.id)).map(toModel);
    });
  }

  /** Per counter: the billed values before and after the estimate's time. */
  private async ranges(
    tx: Prisma.TransactionClient,
    device: { tenantId: string; id: string },
    input: RecordEstimatedMeterReadInput,
  ): Promise<Map<string, CounterRange>> {
    const ranges = new Map<string, CounterRange>();
    for (const { name } of input.counters) {
      const { before, after } = await this.reviews.neighbours(
        tx,
        { tenantId: device.tenantId, deviceId: device.id, readAt: input.readAt },
        name,
      );
      ranges.set(name, { min: before, max: after });
    }
    return ranges;
  }
}

function refused(refusal: { field: EstimatedReadRefusal['field'] | 'deviceId'; message: string }) {
  return new BadUserInputError(refusal.message, [
    { field: `input.${refusal.field}`, message: refusal.message },
  ]);
}
