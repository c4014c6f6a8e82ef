import { Injectable } from '@nestjs/common';
import type { Device as DeviceRow, Prisma } from '@prisma/client';
import { lockCustomerDevices } from '../devices/customer-device-lock.js';

type Tx = Prisma.TransactionClient;

/** Device rows as people change them, on the caller's tenant transaction (row-level security). */
@Injectable()
export class DeviceAdministrationRepository {
  /**
   * The row, after its customer's device lock (an upload in flight would otherwise write back
   * the site and asset tag it read before this change) and locked against another person.
   */
  async lock(tx: Tx, id: string): Promise<DeviceRow | null> {
    const owner = await tx.device.findFirst({ where: { id }, select: { customerId: true } });
    if (!owner) return null;
    await lockCustomerDevices(tx, owner.customerId);
    await tx.$queryRaw`SELECT id FROM devices WHERE id = ${id}::uuid FOR UPDATE`;
    return tx.device.findFirst({ where: { id } });
  }

  siteById(tx: Tx, id: string): Promise<{ id: string; customerId: string; name: string } | null> {
    return tx.site.findFirst({
      where: { id },
      select: { id: true, customerId: true, name: true },
    });
  }

  latestMeterRead(
    tx: Tx,
    deviceId: string,
  ): Promise<{ readAt: Date; counters: Prisma.JsonValue } | null> {
    return tx.meterRead.findFirst({
      where: { deviceId },
      orderBy: { readAt: 'desc' },
      select: { readAt: true, counters: true },
    });
  }

  async clearRetirement(tx: Tx, id: string): Promise<void> {
    await tx.$executeRaw`
      UPDATE devices SET retired_at = NULL, retired_by = NULL, end_meter = NULL, updated_at = now()
      WHERE id = ${id}::uuid`;
  }

  async update(tx: Tx, id: string, data: Prisma.DeviceUncheckedUpdateManyInput): Promise<void> {
    await tx.device.updateMany({ where: { id }, data });
  }
}
