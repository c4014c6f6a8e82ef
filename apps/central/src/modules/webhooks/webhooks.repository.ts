import { Injectable } from '@nestjs/common';
import type {
  Prisma,
  WebhookDelivery as DeliveryRow,
  WebhookEndpoint as EndpointRow,
} from '@prisma/client';

/** Webhook rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class WebhooksRepository {
  findEndpoint(tx: Prisma.TransactionClient, id: string): Promise<EndpointRow | null> {
    return tx.webhookEndpoint.findFirst({ where: { id } });
  }

  listEndpoints(
    tx: Prisma.TransactionClient,
    page: { take: number; skip: number },
  ): Promise<EndpointRow[]> {
    return tx.webhookEndpoint.findMany({
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: page.take,
      skip: page.skip,
    });
  }

  subscribedEndpoints(
    tx: Prisma.TransactionClient,
    eventType: string,
  ): Promise<Pick<EndpointRow, 'id'>[]> {
    return tx.webhookEndpoint.findMany({
      where: { enabled: true, eventTypes: { has: eventType } },
      select: { id: true },
    });
  }

  createEndpoint(
    tx: Prisma.TransactionClient,
    data: Prisma.WebhookEndpointUncheckedCreateInput,
  ): Promise<EndpointRow> {
    return tx.webhookEndpoint.create({ data });
  }

  async updateEndpoint(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.WebhookEndpointUpdateManyMutationInput,
  ): Promise<EndpointRow | null> {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id }, data });
    return count === 0 ? null : this.findEndpoint(tx, id);
  }

  async deleteEndpoint(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
    return count > 0;
  }

  createDeliveries(
    tx: Prisma.TransactionClient,
    data: Prisma.WebhookDeliveryCreateManyInput[],
  ): Promise<DeliveryRow[]> {
    return tx.webhookDelivery.createManyAndReturn({ data });
  }

  /**
   * Takes the due pending deliveries among `ids` for one attempt: their next attempt moves to
   * `leaseUntil`, so another job holding the same delivery (a sweep's, a retry's) finds it not
   * due. One UPDATE: of two concurrent claims, the second re-reads the row and gets nothing.
   */
  async claimDeliveries(
    tx: Prisma.TransactionClient,
    ids: readonly string[],
    now: Date,
    leaseUntil: Date,
  ): Promise<(DeliveryRow & { endpoint: EndpointRow })[]> {
    const claimed = await tx.webhookDelivery.updateManyAndReturn({
      where: {
        id: { in: [...ids] },
        status: 'PENDING',
        OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
      },
      data: { nextAttemptAt: leaseUntil },
      select: { id: true },
    });
    if (claimed.length === 0) return [];
    return tx.webhookDelivery.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      include: { endpoint: true },
      orderBy: { createdAt: 'asc' },
    });
  }

  updateDelivery(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.WebhookDeliveryUpdateManyMutationInput,
  ): Promise<Prisma.BatchPayload> {
    return tx.webhookDelivery.updateMany({ where: { id }, data });
  }

  listDeliveries(
    tx: Prisma.TransactionClient,
    filter: { endpointId?: string | null; status?: 'PENDING' | 'SUCCEEDED' | 'FAILED' | null },
    page: { take: number; before: { createdAt: Date; id: string } | null },
  ): Promise<DeliveryRow[]> {
    const before = page.before;
    return tx.webhookDelivery.findMany({
      where: {
        ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
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
