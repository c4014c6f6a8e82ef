import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, Supply } from '@prisma/client';
import { SupplyWritesRepository, type SupplyMergePair } from './supply-writes.repository.js';

export type { SupplyMergePair } from './supply-writes.repository.js';

export type SupplyMergeOutcome = {
  suppliesMoved: number;
  suppliesFolded: number;
  supplyLevelsFolded: number;
  supplyOrdersCancelled: number;
};

/**
 * A device merge's supplies (the devices module's merge calls it inside its transaction): a
 * supply only the merged device has moves whole; one both have (same key) folds into the kept
 * one, whose current state becomes the newer of the two.
 */
@Injectable()
export class SupplyMergeService {
  constructor(
    @Inject(SupplyWritesRepository) private readonly repository: SupplyWritesRepository,
  ) {}

  async mergeInto(
    tx: Prisma.TransactionClient,
    pair: SupplyMergePair,
    now: Date,
  ): Promise<SupplyMergeOutcome> {
    const kept = new Map(
      (await this.repository.suppliesOfDevice(tx, pair.keepId)).map((supply) => [
        supply.supplyKey,
        supply,
      ]),
    );
    const result: SupplyMergeOutcome = {
      suppliesMoved: 0,
      suppliesFolded: 0,
      supplyLevelsFolded: 0,
      supplyOrdersCancelled: 0,
    };
    for (const supply of await this.repository.suppliesOfDevice(tx, pair.mergeId)) {
      const into = kept.get(supply.supplyKey);
      if (!into) {
        await this.repository.moveSupply(tx, pair, supply.id);
        result.suppliesMoved += 1;
        continue;
      }
      const folded = await this.repository.foldSupply(tx, pair, supply, into, now);
      result.suppliesFolded += 1;
      result.supplyLevelsFolded += folded.levels;
      result.supplyOrdersCancelled += folded.cancelledOrders;
      const current = newerSupplyState(into, supply);
      if (current) await this.repository.updateSupply(tx, into.id, current);
    }
    return result;
  }
}

function newerSupplyState(into: Supply, from: Supply): Prisma.SupplyUpdateManyMutationInput | null {
  const fromAt = from.readAt?.getTime() ?? -Infinity;
  const intoAt = into.readAt?.getTime() ?? -Infinity;
  const firstSeenAt = earlier(into.firstSeenAt, from.firstSeenAt);
  if (fromAt <= intoAt)
    return firstSeenAt.getTime() === into.firstSeenAt.getTime() ? null : { firstSeenAt };
  return {
    firstSeenAt,
    description: from.description ?? into.description,
    type: from.type ?? into.type,
    color: from.color ?? into.color,
    partNumber: from.partNumber ?? into.partNumber,
    level: from.level,
    maxCapacity: from.maxCapacity,
    percent: from.percent,
    state: from.state,
    readAt: from.readAt,
  };
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
