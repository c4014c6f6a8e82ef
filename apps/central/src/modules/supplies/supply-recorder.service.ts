import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { planSupplyReadings, type DeviceSupplyReadings } from '@printbeat/domain';
import { SupplyWritesRepository } from './supply-writes.repository.js';

/** The upload the readings came in (its level rows link to it). */
export type SupplyUpload = { tenantId: string; customerId: string; uploadId: string };

/** One device's supply readings; a device created by this upload has no stored supplies. */
export type DeviceSupplies = DeviceSupplyReadings & { isNew: boolean };

/**
 * THE way supply readings enter the database (ingest, inside the upload's transaction):
 * decided in memory by the domain's `planSupplyReadings` (current state, renames, new
 * supplies), then written in three statements whatever the upload's size.
 */
@Injectable()
export class SupplyRecorderService {
  constructor(
    @Inject(SupplyWritesRepository) private readonly repository: SupplyWritesRepository,
  ) {}

  async recordReadings(
    tx: Prisma.TransactionClient,
    upload: SupplyUpload,
    devices: readonly DeviceSupplies[],
  ): Promise<void> {
    if (!devices.some((device) => device.readings.some((reading) => reading.supplies.length > 0)))
      return;
    const stored = await this.repository.suppliesOf(
      tx,
      upload.tenantId,
      devices.filter((device) => !device.isNew).map((device) => device.deviceId),
    );
    const plan = planSupplyReadings(devices, stored, randomUUID);
    const scope = { tenantId: upload.tenantId, customerId: upload.customerId };
    await this.repository.insertSupplies(tx, scope, plan.inserts);
    await this.repository.updateSupplyDescriptions(tx, scope, plan.described);
    await this.repository.writeSupplyReadings(
      tx,
      { ...scope, uploadId: upload.uploadId },
      plan.levels,
    );
  }
}
