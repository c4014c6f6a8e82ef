import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, ReplenishmentRule as RuleRow, SupplyOrder as OrderRow } from '@prisma/client';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';

export const ACTIVE_ORDER_STATUSES = ['OPEN', 'EXPORTED', 'SHIPPED'] as const;

/** A level reading; `change` is what ingest marked it (SWAP, REFILL), null otherwise. */
export type LevelAt = { percent: number | null; readAt: Date; change: string | null };

/** Rules and orders on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class ReplenishmentRepository {
  constructor(@Inject(TenantPrisma) private readonly tenantPrisma: TenantPrisma) {}

  enabledRules(tx: Prisma.TransactionClient): Promise<RuleRow[]> {
    return tx.replenishmentRule.findMany({
      where: { enabled: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  findRule(tx: Prisma.TransactionClient, id: string): Promise<RuleRow | null> {
    return tx.replenishmentRule.findFirst({ where: { id } });
  }

  listRules(
    tx: Prisma.TransactionClient,
    page: { take: number; skip: number },
  ): Promise<RuleRow[]> {
    return tx.replenishmentRule.findMany({
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: page.take,
      skip: page.skip,
    });
  }

  createRule(
    tx: Prisma.TransactionClient,
    data: Prisma.ReplenishmentRuleUncheckedCreateInput,
  ): Promise<RuleRow> {
    return tx.replenishmentRule.create({ data });
  }

  async updateRule(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.ReplenishmentRuleUncheckedUpdateManyInput,
  ): Promise<RuleRow | null> {
    const { count } = await tx.replenishmentRule.updateMany({ where: { id }, data });
    return count === 0 ? null : this.findRule(tx, id);
  }

  async deleteRule(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
    // Orders keep their history; the rule reference goes.
    await tx.supplyOrder.updateMany({ where: { ruleId: id }, data: { ruleId: null } });
    const { count } = await tx.replenishmentRule.deleteMany({ where: { id } });
    return count > 0;
  }

  /** Every order of these devices, newest first. */
  ordersOfDevices(tx: Prisma.TransactionClient, deviceIds: readonly string[]): Promise<OrderRow[]> {
    return tx.supplyOrder.findMany({
      where: { deviceId: { in: [...deviceIds] } },
      orderBy: { createdAt: 'desc' },
    });
  }

  activeOrdersOfDevices(
    tx: Prisma.TransactionClient,
    deviceIds: readonly string[],
  ): Promise<OrderRow[]> {
    return tx.supplyOrder.findMany({
      where: { deviceId: { in: [...deviceIds] }, status: { in: [...ACTIVE_ORDER_STATUSES] } },
    });
  }

  /**
   * For each order: the level it was based on (the last at or before its creation) and every
   * one after it (up to 1,000), oldest first. One statement for all the orders.
   */
  async levelsAround(
    tx: Prisma.TransactionClient,
    tenantId: string,
    orders: readonly Pick<OrderRow, 'id' | 'supplyId' | 'createdAt'>[],
  ): Promise<Map<string, LevelAt[]>> {
    const levels = new Map<string, LevelAt[]>();
    if (orders.length === 0) return levels;
    const rows = await this.tenantPrisma.query<LevelAt & { orderId: string }>(
      tx,
      `WITH o AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS w(id uuid, "supplyId" uuid, "createdAt" timestamptz)
       )
       SELECT o.id AS "orderId", l.percent, l.read_at AS "readAt", l.change
         FROM o
         CROSS JOIN LATERAL (
           (SELECT percent, read_at, change FROM supply_levels
             WHERE tenant_id = $1 AND supply_id = o."supplyId" AND read_at <= o."createdAt" AND percent IS NOT NULL
             ORDER BY read_at DESC LIMIT 1)
           UNION ALL
           (SELECT percent, read_at, change FROM supply_levels
             WHERE tenant_id = $1 AND supply_id = o."supplyId" AND read_at > o."createdAt" AND percent IS NOT NULL
             ORDER BY read_at LIMIT 1000)
         ) l
        ORDER BY o.id, l.read_at`,
      [
        tenantId,
        JSON.stringify(
          orders.map((order) => ({
            id: order.id,
            supplyId: order.supplyId,
            createdAt: order.createdAt.toISOString(),
          })),
        ),
      ],
    );
    for (const { orderId, ...level } of rows)
      levels.set(orderId, [...(levels.get(orderId) ?? []), level]);
    return levels;
  }

  /** Inserts orders; one whose supply already has an active order is skipped (unique active_key). */
  createOrders(
    tx: Prisma.TransactionClient,
    data: Prisma.SupplyOrderCreateManyInput[],
  ): Promise<OrderRow[]> {
    return tx.supplyOrder.createManyAndReturn({ data, skipDuplicates: true });
  }

  findOrder(tx: Prisma.TransactionClient, id: string): Promise<OrderRow | null> {
    return tx.supplyOrder.findFirst({ where: { id } });
  }

  /** The device's OPEN orders (not yet handed to the ERP), cancelled; their ids. */
  async cancelOpenOrdersOfDevice(
    tx: Prisma.TransactionClient,
    deviceId: string,
    now: Date,
  ): Promise<string[]> {
    const rows = await tx.supplyOrder.updateManyAndReturn({
      where: { deviceId, status: 'OPEN' },
      data: { status: 'CANCELLED', cancelledAt: now, activeKey: null },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  async updateOrder(
    tx: Prisma.TransactionClient,
    id: string,
    expectedStatus: string,
    data: Prisma.SupplyOrderUncheckedUpdateManyInput,
  ): Promise<boolean> {
    const { count } = await tx.supplyOrder.updateMany({
      where: { id, status: expectedStatus as OrderRow['status'] },
      data,
    });
    return count === 1;
  }

  listOrders(
    tx: Prisma.TransactionClient,
    filter: {
      statuses: OrderRow['status'][] | null;
      customerId: string | null;
      deviceId: string | null;
    },
    page: { take: number; before: { createdAt: Date; id: string } | null },
  ): Promise<OrderRow[]> {
    const before = page.before;
    return tx.supplyOrder.findMany({
      where: {
        ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.deviceId ? { deviceId: filter.deviceId } : {}),
        ...(before
          ? {
              OR: [
                { createdAt: { lt: before.createdAt } },
                { createdAt: before.createdAt, id: { lt: before.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.take,
    });
  }
}
