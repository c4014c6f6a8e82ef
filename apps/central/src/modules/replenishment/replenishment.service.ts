import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, SupplyOrder as OrderRow } from '@prisma/client';
import {
  orderFulfilledBy,
  planDeviceOrders,
  type DeviceSupplyCandidate,
  type SupplyForecast,
} from '@printbeat/domain';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { SuppliesService } from '../supplies/supplies.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { ACTIVE_ORDER_STATUSES, ReplenishmentRepository } from './replenishment.repository.js';
import { toOrder } from './supply-orders.service.js';

export const REPLENISHMENT_EVALUATE_JOB = 'replenishment.evaluate';
export const REPLENISHMENT_SWEEP_JOB = 'replenishment.sweep';
const ENQUEUE_CONCURRENCY = 8;

/**
 * Turns supply levels into orders: a swap fulfils the active order, then the rules decide
 * which supplies are due (domain `planDeviceOrders`). Runs as a pg-boss job per device, queued
 * once per upload after its commit and by a periodic sweep.
 */
@Injectable()
export class ReplenishmentService {
  constructor(
    @Inject(ReplenishmentRepository) private readonly repository: ReplenishmentRepository,
    @Inject(SuppliesService) private readonly supplies: SuppliesService,
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * For uploads, after their transaction committed: evaluate these devices soon. One queued job
   * per device (singleton key), debounced 2 s so a burst of uploads evaluates once.
   */
  async enqueueEvaluation(tenantId: string, deviceIds: readonly string[]): Promise<void> {
    // An upload has up to 500 devices: a few sends at a time instead of one round trip after another.
    const unique = [...new Set(deviceIds)];
    for (let i = 0; i < unique.length; i += ENQUEUE_CONCURRENCY) {
      await Promise.all(
        unique
          .slice(i, i + ENQUEUE_CONCURRENCY)
          .map((deviceId) =>
            this.jobs.send(
              REPLENISHMENT_EVALUATE_JOB,
              { tenantId, deviceId },
              { singletonKey: `${tenantId}:${deviceId}`, startAfterSeconds: 2 },
            ),
          ),
      );
    }
  }

  /**
   * Active orders of the device whose supply was swapped since the order (a level jump that
   * `isRefill` accepts) become FULFILLED, at the reading that shows the swap; a shaken
   * cartridge's small rise does not count. Returns the fulfilled ids.
   */
  async fulfilBySwap(tx: Prisma.TransactionClient, deviceId: string): Promise<string[]> {
    return this.fulfilOrders(tx, await this.repository.activeOrdersOfDevice(tx, deviceId));
  }

  private async fulfilOrders(
    tx: Prisma.TransactionClient,
    orders: readonly OrderRow[],
  ): Promise<string[]> {
    const fulfilled: string[] = [];
    for (const order of orders) {
      const levels = await this.repository.levelsAround(tx, order.supplyId, order.createdAt);
      for (let i = 1; i < levels.length; i++) {
        if (orderFulfilledBy(levels[i - 1]!.percent, levels[i]!.percent)) {
          const at = levels[i]!.readAt;
          if (
            await this.repository.updateOrder(tx, order.id, order.status, {
              status: 'FULFILLED',
              fulfilledAt: at,
              activeKey: null,
            })
          )
            fulfilled.push(order.id);
          break;
        }
      }
    }
    return fulfilled;
  }

  /** One device, in the current tenant context: fulfil by swap, then create the due orders. */
  evaluateDevice(deviceId: string, now = new Date()): Promise<OrderRow[]> {
    return this.db.run(async (tx) => {
      await this.fulfilBySwap(tx, deviceId);
      const device = await tx.device.findFirst({ where: { id: deviceId } });
      if (!device || device.mergedIntoId) return [];
      const rules = await this.repository.enabledRules(tx);
      if (rules.length === 0) return [];
      const needsForecast = rules.some((rule) => rule.forecastDays !== null);
      const supplies = await tx.supply.findMany({ where: { deviceId } });
      const orders = await this.repository.ordersOfDevice(tx, deviceId);

      const candidates: DeviceSupplyCandidate[] = [];
      const forecasts = new Map<string, SupplyForecast>();
      for (const supply of supplies) {
        const forecast = needsForecast ? await this.supplies.forecastIn(tx, supply, now) : null;
        if (forecast) forecasts.set(supply.supplyKey, forecast);
        const ofSupply = orders.filter((order) => order.supplyId === supply.id);
        candidates.push({
          supplyKey: supply.supplyKey,
          subject: {
            customerId: device.customerId,
            model: device.model,
            supplyType: supply.type,
            color: supply.color,
          },
          percent: supply.percent,
          forecast,
          hasActiveOrder: ofSupply.some((order) =>
            (ACTIVE_ORDER_STATUSES as readonly string[]).includes(order.status),
          ),
          lastOrderAt: ofSupply[0]?.createdAt ?? null,
        });
      }

      const plan = planDeviceOrders(candidates, rules, now);
      if (plan.length === 0) return [];
      const group = plan.length > 1 ? randomUUID() : null;
      const { tenantId } = tenantContext.get();
      const created = await this.repository.createOrders(
        tx,
        plan.map((planned) => {
          const supply = supplies.find((s) => s.supplyKey === planned.supplyKey)!;
          const forecast = forecasts.get(planned.supplyKey);
          return {
            tenantId,
            customerId: device.customerId,
            deviceId,
            supplyId: supply.id,
            supplyKey: supply.supplyKey,
            ruleId: planned.rule.id,
            status: 'OPEN' as const,
            consolidationGroup: group,
            reason: planned.reason,
            percentAtOrder: supply.percent,
            daysToEmptyAtOrder: forecast?.kind === 'forecast' ? forecast.daysToEmpty : null,
            partNumber: supply.partNumber,
            activeKey: supply.id,
          };
        }),
      );
      for (const order of created) {
        await this.webhooks.emit(tx, {
          type: 'supply_order.created',
          data: orderEventData(order, device),
        });
      }
      if (created.length > 0)
        this.logger.info({ deviceId, orders: created.length }, 'supply orders created');
      return created;
    });
  }
}

function orderEventData(
  order: OrderRow,
  device: { serialNumber: string | null; model: string | null },
): Record<string, unknown> {
  const model = toOrder(order);
  return {
    ...model,
    device: { serialNumber: device.serialNumber, model: device.model },
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
