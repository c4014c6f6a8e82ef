import { Inject, Injectable } from '@nestjs/common';
import type { Device as DeviceRow, Prisma } from '@prisma/client';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { MetersService } from '../meters/meters.service.js';
import { SupplyMergeService } from '../supplies/supply-merge.service.js';
import {
  DeviceMergeRepository,
  type JoinedRead,
  type MergePair,
} from './device-merge.repository.js';
import type { Device } from './device.model.js';
import type { MergeDevicesInput } from './device.inputs.js';
import {
  DeviceAlreadyMergedError,
  DeviceNotFoundError,
  MergeAcrossCustomersError,
  MergeIntoItselfError,
} from './devices.errors.js';
import { DEVICE_IDENTITY_FIELDS } from './device-identity.js';
import { DevicesService } from './devices.service.js';

/** The field of the identity-change row that records a merge on the kept device. */
export const MERGED_FROM_FIELD = 'mergedFrom';

/** A merge of many years of history is a few bulk statements, but give it room on a busy machine. */
const MERGE_TIMEOUT_MS = 60_000;

/**
 * Manual resolution of a device flagged for review: merge two devices that are one printer
 * (both histories kept under one device), or dismiss the flag when they really are two.
 */
@Injectable()
export class DeviceMergeService {
  constructor(
    @Inject(DeviceMergeRepository) private readonly repository: DeviceMergeRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(MetersService) private readonly meters: MetersService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DevicesService) private readonly devices: DevicesService,
    @Inject(SupplyMergeService) private readonly supplies: SupplyMergeService,
  ) {}

  async merge(input: MergeDevicesInput, now = new Date()): Promise<Device> {
    if (input.keepId === input.mergeId) throw new MergeIntoItselfError();
    const { tenantId } = tenantContext.get();
    const pair: MergePair = { tenantId, keepId: input.keepId, mergeId: input.mergeId };
    await this.db.run(
      async (tx) => {
        const rows = await this.repository.lockBoth(tx, tenantId, [pair.keepId, pair.mergeId]);
        const keep = visible(rows, pair.keepId);
        const merged = visible(rows, pair.mergeId);
        for (const device of [keep, merged])
          if (device.mergedIntoId)
            throw new DeviceAlreadyMergedError(device.id, device.mergedIntoId);
        if (keep.customerId !== merged.customerId) throw new MergeAcrossCustomersError();

        const movedReads = await this.repository.moveMeterReads(tx, pair);
        const movedDiscontinuities = await this.repository.moveDiscontinuities(tx, pair);
        await this.meters.followMergedReads(tx, pair);
        const opened = await this.checkSeams(tx, keep, movedReads);
        await this.repository.moveIdentityChanges(tx, pair);
        const alerts = await this.repository.moveAlerts(tx, pair, now);
        const commands = await this.repository.moveCommands(tx, pair);
        const supplies = await this.supplies.mergeInto(tx, pair, now);
        await this.updateKept(tx, keep, merged, now);
        await this.repository.markMerged(tx, pair);

        await this.audit.record(tx, {
          action: 'device.merge',
          targetType: 'Device',
          targetId: keep.id,
          customerId: keep.customerId,
          details: {
            mergedDeviceId: merged.id,
            mergedSerialNumber: merged.serialNumber,
            meterReadsMoved: movedReads.length,
            discontinuitiesMoved: movedDiscontinuities,
            discontinuitiesOpened: opened,
            alertsMoved: alerts.moved,
            alertsClosed: alerts.closed,
            commandsMoved: commands,
            ...supplies,
          },
        });
      },
      { timeout: MERGE_TIMEOUT_MS },
    );
    return this.devices.get(pair.keepId, now);
  }

  /** The dealer decided the flagged device is a printer of its own: the flag goes, nothing else changes. */
  async dismissReview(id: string): Promise<Device> {
    const { tenantId } = tenantContext.get();
    await this.db.run(async (tx) => {
      await this.repository.lock(tx, tenantId, id);
      const rows = await tx.device.findMany({ where: { id } });
      const device = visible(rows, id);
      if (device.mergedIntoId) throw new DeviceAlreadyMergedError(device.id, device.mergedIntoId);
      if (!device.needsReview) return;
      await this.repository.updateDevice(tx, id, { needsReview: false, reviewReason: null });
      await this.audit.record(tx, {
        action: 'device.review.dismiss',
        targetType: 'Device',
        targetId: id,
        customerId: device.customerId,
        details: { reviewReason: device.reviewReason, serialNumber: device.serialNumber },
      });
    });
    return this.devices.get(id);
  }

  /**
   * The joined history in time order: wherever a read from the merged device now neighbours a
   * kept one, counters are compared as ingest compares a late reading with its neighbours.
   * Two moved reads next to each other were neighbours on the merged device already (ingest
   * checked them), so only mixed pairs are new.
   */
  private async checkSeams(
    tx: Prisma.TransactionClient,
    keep: DeviceRow,
    moved: readonly string[],
  ): Promise<number> {
    if (moved.length === 0) return 0;
    const reads = await this.repository.joinedReads(tx, keep.tenantId, keep.id, new Set(moved));
    const pairs: { before: JoinedRead; after: JoinedRead }[] = [];
    for (let index = 1; index < reads.length; index += 1) {
      const before = reads[index - 1]!;
      const after = reads[index]!;
      if (before.moved !== after.moved) pairs.push({ before, after });
    }
    const opened = await this.meters.checkNeighbours(
      tx,
      { id: keep.id, tenantId: keep.tenantId, customerId: keep.customerId },
      pairs,
    );
    return opened.length;
  }

  /**
   * The kept device spans both lives: first seen at the earlier, review done. When the merged
   * device was seen more recently (a new board reporting a new serial), the kept one takes its
   * current identity and place, so the next upload matches the kept device instead of making
   * a new one; each taken value is an identity change, and the merge itself is one too.
   */
  private async updateKept(
    tx: Prisma.TransactionClient,
    keep: DeviceRow,
    merged: DeviceRow,
    now: Date,
  ): Promise<void> {
    const data: Prisma.DeviceUncheckedUpdateManyInput = {
      firstSeenAt: earlier(keep.firstSeenAt, merged.firstSeenAt),
      lastMeterReadAt: later(keep.lastMeterReadAt, merged.lastMeterReadAt),
      needsReview: false,
      reviewReason: null,
    };
    const base = {
      tenantId: keep.tenantId,
      customerId: keep.customerId,
      deviceId: keep.id,
      changedAt: now,
    };
    const changes: Prisma.DeviceIdentityChangeCreateManyInput[] = [
      {
        ...base,
        field: MERGED_FROM_FIELD,
        oldValue: merged.serialNumber ?? merged.macAddress,
        newValue: merged.id,
      },
    ];
    if (merged.lastSeenAt.getTime() > keep.lastSeenAt.getTime()) {
      // Identity columns the kept device takes over when the merged one was seen more recently.
      for (const field of DEVICE_IDENTITY_FIELDS) {
        const value = merged[field];
        if (value === null || value === keep[field]) continue;
        data[field] = value;
        changes.push({ ...base, field, oldValue: keep[field], newValue: value });
      }
      Object.assign(data, {
        lastSeenAt: merged.lastSeenAt,
        siteId: merged.siteId ?? keep.siteId,
        agentId: merged.agentId ?? keep.agentId,
        sysObjectId: merged.sysObjectId ?? keep.sysObjectId,
        noIdentity:
          !(merged.serialNumber ?? keep.serialNumber) && !(merged.macAddress ?? keep.macAddress),
        printerStatus: merged.printerStatus,
        detectedErrors: merged.detectedErrors,
        consoleDisplay: merged.consoleDisplay,
        statusAt: merged.statusAt,
      } satisfies Prisma.DeviceUncheckedUpdateManyInput);
    }
    await this.repository.updateDevice(tx, keep.id, data);
    await this.repository.addIdentityChanges(tx, changes);
  }
}

/** Row-level security already hid other tenants' devices; customer-scoped callers get the same answer. */
function visible(rows: readonly DeviceRow[], id: string): DeviceRow {
  const row = rows.find((device) => device.id === id);
  if (!row || !canReachCustomer(row.customerId)) throw new DeviceNotFoundError(id);
  return row;
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}
