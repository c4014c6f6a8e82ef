import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, SupplyOrder as OrderRow } from '@prisma/client';
import {
  orderFulfilledBy,
  planDeviceOrders,
  selectRule,
  type DeviceSupplyCandidate,
  type SupplyForecast,
} from '@printbeat/domain';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { MONITORED_DEVICE_WHERE } from '../devices/device-monitoring.js';
import { SuppliesService } from '../supplies/supplies.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { ACTIVE_ORDER_STATUSES, ReplenishmentRepository } from './replenishment.repository.js';
import { toOrder } from './supply-orders.service.js';

export const REPLENISHMENT_EVALUATE_JOB = 'replenishment.evaluate';
export const REPLENISHMENT_SWEEP_JOB = 'replenishment.sweep';
/** Devices evaluated per transaction: bounded statements and transaction time on large uploads. */
const EVALUATION_CHUNK = 50;

/** Background work waits for a connection as long as uploads do, rather than failing in a burst. */
const JOB_TRANSACTION = { maxWait: 30_000, timeout: 60_000 };

export type EvaluateJobData = TenantJobData & { deviceIds: string[] };

/**
 * Turns supply levels into orders: a swap fulfils the active order, then the rules decide
 * which supplies are due (domain `planDeviceOrders`). Runs as a pg-boss job per upload (its
 * devices, evaluated set-based), queued after its commit, and by a periodic sweep.
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

  /** For uploads, after their transaction committed: one job evaluates all these devices soon. */
  async enqueueEvaluation(tenantId: string, deviceIds: readonly string[]): Promise<void> {
    const unique = [...new Set(deviceIds)];
    if (unique.length === 0) return;
    await this.jobs.send<EvaluateJobData>(REPLENISHMENT_EVALUATE_JOB, {
      tenantId,
      deviceIds: unique,
    });
  }

  /**
   * Active orders whose supply was swapped since the order (another cartridge serial, or a
   * level jump that `isRefill` accepts) become FULFILLED, at the reading that shows the swap; a shaken cartridge's small
   * rise does not count. Returns the fulfilled ids.
   */
  private async fulfilOrders(
    tx: Prisma.TransactionClient,
    orders: readonly OrderRow[],
  ): Promise<string[]> {
    const fulfilled: string[] = [];
    const levelsOf = await this.repository.levelsAround(tx, tenantContext.get().tenantId, orders);
    for (const order of orders) {
      const levels = levelsOf.get(order.id) ?? [];
      for (let i = 1; i < levels.length; i++) {
        if (
          orderFulfilledBy(levels[i - 1]!.percent, levels[i]!.percent, {
            change: levels[i]!.change,
          })
        ) {
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
    return this.evaluateDevices([deviceId], now);
  }

  /** `evaluateDevice` for many devices: a few statements per chunk of devices, not per device. */
  async evaluateDevices(deviceIds: readonly string[], now = new Date()): Promise<OrderRow[]> {
    const unique = [...new Set(deviceIds)];
    const created: OrderRow[] = [];
    for (let i = 0; i < unique.length; i += EVALUATION_CHUNK) {
      const chunk = unique.slice(i, i + EVALUATION_CHUNK);
      created.push(
        ...(await this.db.run((tx) => this.evaluateChunk(tx, chunk, now), JOB_TRANSACTION)),
      );
    }
    return created;
  }

  private async evaluateChunk(
    tx: Prisma.TransactionClient,
    deviceIds: readonly string[],
    now: Date,
  ): Promise<OrderRow[]> {
    await this.fulfilOrders(tx, await this.repository.activeOrdersOfDevices(tx, deviceIds));
    const rules = await this.repository.enabledRules(tx);
    if (rules.length === 0) return [];
    const needsForecast = rules.some((rule) => rule.forecastDays !== null);
    const devices = await tx.device.findMany({
      where: { id: { in: [...deviceIds] }, mergedIntoId: null, ...MONITORED_DEVICE_WHERE },
    });
    if (devices.length === 0) return [];
    const ids = devices.map((device) => device.id);
    const suppliesOf = groupBy(
      await tx.supply.findMany({ where: { deviceId: { in: ids } } }),
      (supply) => supply.deviceId,
    );
    const ordersOf = groupBy(
      await this.repository.ordersOfDevices(tx, ids),
      (order) => order.supplyId,
    );
    const { tenantId } = tenantContext.get();

    const rows: Prisma.SupplyOrderCreateManyInput[] = [];
    for (const device of devices) {
      const supplies = suppliesOf.get(device.id) ?? [];
      const candidates: DeviceSupplyCandidate[] = [];
      const forecasts = new Map<string, SupplyForecast>();
      for (const supply of supplies) {
        const ofSupply = ordersOf.get(supply.id) ?? [];
        const subject = {
          customerId: device.customerId,
          model: device.model,
          supplyType: supply.type,
          color: supply.color,
        };
        const hasActiveOrder = ofSupply.some((order) =>
          (ACTIVE_ORDER_STATUSES as readonly string[]).includes(order.status),
        );
        // A forecast only matters where a rule applies and no order is active yet.
        const forecast =
          needsForecast && !hasActiveOrder && selectRule(rules, subject)
            ? await this.supplies.forecastIn(tx, supply, now)
            : null;
        if (forecast) forecasts.set(supply.supplyKey, forecast);
        candidates.push({
          supplyKey: supply.supplyKey,
          subject,
          percent: supply.percent,
          forecast,
          hasActiveOrder,
          lastOrderAt: ofSupply[0]?.createdAt ?? null,
        });
      }

      const plan = planDeviceOrders(candidates, rules, now);
      if (plan.length === 0) continue;
      const group = plan.length > 1 ? randomUUID() : null;
      for (const planned of plan) {
        const supply = supplies.find((s) => s.supplyKey === planned.supplyKey)!;
        const forecast = forecasts.get(planned.supplyKey);
        rows.push({
          tenantId,
          customerId: device.customerId,
          deviceId: device.id,
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
        });
      }
    }
    if (rows.length === 0) return [];
    const created = await this.repository.createOrders(tx, rows);
    const deviceOf = new Map(devices.map((device) => [device.id, device]));
    await this.webhooks.emitMany(
      tx,
      created.map((order) => ({
        type: 'supply_order.created' as const,
        data: orderEventData(order, deviceOf.get(order.deviceId)!),
      })),
    );
    if (created.length > 0)
      this.logger.info(
        { devices: new Set(created.map((order) => order.deviceId)).size, orders: created.length },
        'supply orders created',
      );
    return created;
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
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
