import { Injectable } from '@nestjs/common';
import type { Device as DeviceRow, Prisma } from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';

const SEARCHED = ['serialNumber', 'model', 'manufacturer', 'ipAddress', 'macAddress', 'hostname', 'location'] as const;

/** Device rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class DevicesRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<DeviceRow | null> {
    return tx.device.findFirst({ where: { id } });
  }

  list(
    tx: Prisma.TransactionClient,
    filter: { customerId?: string | null; siteId?: string | null; search?: string | null },
    page: { take: number; after: Record<string, string> | null },
  ): Promise<DeviceRow[]> {
    const where: Prisma.DeviceWhereInput = {
      mergedIntoId: null,
      ...(filter.customerId ? { customerId: filter.customerId } : {}),
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
      ...(filter.search ? { OR: SEARCHED.map((field) => ({ [field]: { contains: filter.search, mode: 'insensitive' as const } })) } : {}),
    };
    return tx.device.findMany({ where: { AND: [where, afterCreatedAt(page.after)] }, orderBy: createdAtOrder, take: page.take });
  }

  latestMeterRead(tx: Prisma.TransactionClient, deviceId: string) {
    return tx.meterRead.findFirst({ where: { deviceId }, orderBy: { readAt: 'desc' } });
  }

  supplies(tx: Prisma.TransactionClient, deviceId: string) {
    return tx.supply.findMany({ where: { deviceId }, orderBy: { supplyKey: 'asc' } });
  }

  openAlerts(tx: Prisma.TransactionClient, deviceId: string) {
    return tx.alert.findMany({ where: { deviceId, closedAt: null }, orderBy: [{ openedAt: 'asc' }, { id: 'asc' }] });
  }
}
