import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, SupplyOrder as OrderRow } from '@prisma/client';
import { assertUnreachable } from '../../platform/errors/domain.errors.js';
import {
  createdAtCursor,
  decodeTimeCursor,
  toConnection,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { AuditService } from '../audit/audit.service.js';
import type { SupplyOrdersArgs, UpdateSupplyOrderInput } from './replenishment.inputs.js';
import { SupplyOrderStatusEnum, type SupplyOrder } from './replenishment.model.js';
import { SupplyOrderNotFoundError, SupplyOrderTransitionError } from './replenishment.errors.js';
import { ReplenishmentRepository } from './replenishment.repository.js';

type Status = OrderRow['status'];

/** The order state machine: FULFILLED and CANCELLED are final. */
export function canTransition(from: Status, to: Status): boolean {
  if (from === to) return false;
  switch (from) {
    case 'OPEN':
      return true;
    case 'EXPORTED':
      return to === 'SHIPPED' || to === 'FULFILLED' || to === 'CANCELLED';
    case 'SHIPPED':
      return to === 'FULFILLED' || to === 'CANCELLED';
    case 'FULFILLED':
    case 'CANCELLED':
      return false;
    default:
      return assertUnreachable(from);
  }
}

/** Orders for the dealer's ERP / billing: list and move along the state machine. */
@Injectable()
export class SupplyOrdersService {
  constructor(
    @Inject(ReplenishmentRepository) private readonly repository: ReplenishmentRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(args: SupplyOrdersArgs): Promise<ConnectionShape<SupplyOrder>> {
    const first = args.first ?? 20;
    const before = args.after ? decodeTimeCursor(args.after, 'createdAt') : null;
    const rows = await this.db.run((tx) =>
      this.repository.listOrders(
        tx,
        {
          statuses: args.status ?? null,
          customerId: args.customerId ?? null,
          deviceId: args.deviceId ?? null,
        },
        { take: first + 1, before },
      ),
    );
    return toConnection(rows, first, createdAtCursor, toOrder);
  }

  /**
   * A device out of service (retired) needs no more toner: its OPEN orders are cancelled, each
   * audited with `reason`; orders already exported or shipped are the ERP's to settle.
   */
  async cancelOpenOfDevice(
    tx: Prisma.TransactionClient,
    device: { id: string; customerId: string },
    now: Date,
    reason: string,
  ): Promise<string[]> {
    const ids = await this.repository.cancelOpenOrdersOfDevice(tx, device.id, now);
    for (const id of ids)
      await this.audit.record(tx, {
        action: 'supply_order.update',
        targetType: 'SupplyOrder',
        targetId: id,
        customerId: device.customerId,
        details: { from: 'OPEN', to: 'CANCELLED', externalRef: null, reason },
      });
    return ids;
  }

  update(id: string, input: UpdateSupplyOrderInput, now = new Date()): Promise<SupplyOrder> {
    return this.db.run(async (tx) => {
      const order = await this.repository.findOrder(tx, id);
      if (!order) throw new SupplyOrderNotFoundError(id);
      const data: Parameters<ReplenishmentRepository['updateOrder']>[3] = {};
      if (input.externalRef !== undefined) data.externalRef = input.externalRef;
      const to: Status | undefined = input.status;
      if (to !== undefined && to !== order.status) {
        if (!canTransition(order.status, to))
          throw new SupplyOrderTransitionError(order.status, to);
        data.status = to;
        if (to === 'EXPORTED') data.exportedAt = now;
        if (to === 'SHIPPED') data.shippedAt = now;
        if (to === 'FULFILLED') data.fulfilledAt = now;
        if (to === 'CANCELLED') data.cancelledAt = now;
        if (to === 'FULFILLED' || to === 'CANCELLED') data.activeKey = null;
      }
      if (!(await this.repository.updateOrder(tx, id, order.status, data)))
        throw new SupplyOrderTransitionError(order.status, to ?? order.status);
      await this.audit.record(tx, {
        action: 'supply_order.update',
        targetType: 'SupplyOrder',
        targetId: id,
        customerId: order.customerId,
        details: {
          from: order.status,
          to: to ?? order.status,
          externalRef: input.externalRef ?? null,
        },
      });
      return toOrder((await this.repository.findOrder(tx, id))!);
    });
  }
}

export function toOrder(row: OrderRow): SupplyOrder {
  return {
    id: row.id,
    customerId: row.customerId,
    deviceId: row.deviceId,
    supplyId: row.supplyId,
    supplyKey: row.supplyKey,
    ruleId: row.ruleId,
    status: SupplyOrderStatusEnum[row.status],
    consolidationGroup: row.consolidationGroup,
    reason: row.reason,
    percentAtOrder: row.percentAtOrder,
    daysToEmptyAtOrder: row.daysToEmptyAtOrder,
    partNumber: row.partNumber,
    quantity: row.quantity,
    externalRef: row.externalRef,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    exportedAt: row.exportedAt,
    shippedAt: row.shippedAt,
    fulfilledAt: row.fulfilledAt,
    cancelledAt: row.cancelledAt,
  };
}
