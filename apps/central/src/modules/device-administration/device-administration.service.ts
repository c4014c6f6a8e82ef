import { Inject, Injectable } from '@nestjs/common';
import type { Device as DeviceRow, Prisma } from '@prisma/client';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { describeActor } from '../../platform/auth/principal.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { MANUAL_FIELDS } from '../devices/device-monitoring.js';
import type { Device } from '../devices/device.model.js';
import { DeviceNotFoundError } from '../devices/devices.errors.js';
import { DevicesService } from '../devices/devices.service.js';
import { SupplyOrdersService } from '../replenishment/supply-orders.service.js';
import { SiteNotFoundError } from '../sites/sites.errors.js';
import { DeviceAdministrationRepository } from './device-administration.repository.js';
import {
  DeviceAlreadyRetiredError,
  DeviceInputError,
  DeviceMergedError,
  SiteOfAnotherCustomerError,
} from './device-administration.errors.js';
import { UPDATE_DEVICE_RULES, type UpdateDeviceInput } from './device-administration.inputs.js';

const EDITABLE = ['displayName', 'equipmentId', 'assetTag', 'notes', 'siteId'] as const;
type Editable = (typeof EDITABLE)[number];
type Change = { before: string | null; after: string | null };

/**
 * What people change on a device: its names, IDs, notes and site (updateDevice), retirement
 * with the end meter, and paused monitoring. Every change is audited with before and after.
 */
@Injectable()
export class DeviceAdministrationService {
  constructor(
    @Inject(DeviceAdministrationRepository)
    private readonly repository: DeviceAdministrationRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(DevicesService) private readonly devices: DevicesService,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(SupplyOrdersService) private readonly orders: SupplyOrdersService,
  ) {}

  async update(raw: UpdateDeviceInput): Promise<Device> {
    const parsed = UPDATE_DEVICE_RULES.safeParse(raw);
    if (!parsed.success)
      throw new DeviceInputError(
        parsed.error.issues.map((issue) => ({
          field: issue.path.join('.'),
          message: issue.message,
        })),
      );
    const input = parsed.data;
    await this.db.run(async (tx) => {
      const device = await this.editable(tx, input.id);
      if (input.siteId && input.siteId !== device.siteId) {
        const site = await this.repository.siteById(tx, input.siteId);
        if (!site) throw new SiteNotFoundError(input.siteId);
        if (site.customerId !== device.customerId) throw new SiteOfAnotherCustomerError();
      }
      const changes: Partial<Record<Editable, Change>> = {};
      for (const field of EDITABLE) {
        const after = input[field];
        if (after === undefined || (field === 'siteId' && after === null)) continue;
        if (after !== device[field]) changes[field] = { before: device[field], after };
      }
      const changed = Object.keys(changes) as Editable[];
      if (changed.length === 0) return;
      const manual = MANUAL_FIELDS.filter((field) => changed.includes(field));
      await this.repository.update(tx, device.id, {
        ...Object.fromEntries(changed.map((field) => [field, changes[field]!.after])),
        ...(manual.length > 0
          ? { manualFields: [...new Set([...device.manualFields, ...manual])] }
          : {}),
      });
      await this.audit.record(tx, {
        action: 'device.update',
        targetType: 'Device',
        targetId: device.id,
        customerId: device.customerId,
        details: { changes },
      });
    });
    return this.devices.get(input.id);
  }

  /**
   * Retired: the newest meter read's counters become its end meter, its open alerts close, its
   * contract membership ends, its OPEN supply orders are cancelled, and from now on its readings
   * are stored without alerts or supply orders (device-monitoring.ts).
   */
  async retire(id: string, now = new Date()): Promise<Device> {
    await this.db.run(async (tx) => {
      const device = await this.editable(tx, id);
      if (device.retiredAt) throw new DeviceAlreadyRetiredError(id, device.retiredAt);
      const latest = await this.repository.latestMeterRead(tx, id);
      const endMeter = latest
        ? { readAt: latest.readAt.toISOString(), counters: latest.counters }
        : null;
      await this.repository.update(tx, id, {
        retiredAt: now,
        retiredBy: describeActor(tenantContext.get().actor),
        endMeter: endMeter ?? undefined,
      });
      const closed = await this.alerts.closeOpenOfDevice(tx, id, now);
      const membership = await this.contracts.endMembershipOfDevice(tx, id, now, 'device.retire');
      const ordersCancelled = await this.orders.cancelOpenOfDevice(
        tx,
        { id, customerId: device.customerId },
        now,
        'device retired',
      );
      await this.audit.record(tx, {
        action: 'device.retire',
        targetType: 'Device',
        targetId: id,
        customerId: device.customerId,
        details: {
          endMeter,
          alertsClosed: closed.length,
          contractId: membership?.contractId ?? null,
          ordersCancelled: ordersCancelled.length,
        },
      });
    });
    return this.devices.get(id, now);
  }

  /** Back in service: monitored again (unless paused); the retirement stays in the audit. */
  async reinstate(id: string): Promise<Device> {
    await this.db.run(async (tx) => {
      const device = await this.editable(tx, id);
      if (!device.retiredAt) return;
      await this.repository.clearRetirement(tx, id);
      await this.audit.record(tx, {
        action: 'device.reinstate',
        targetType: 'Device',
        targetId: id,
        customerId: device.customerId,
        details: {
          retiredAt: device.retiredAt.toISOString(),
          retiredBy: device.retiredBy,
          endMeter: device.endMeter,
        },
      });
    });
    return this.devices.get(id);
  }

  /** Paused: readings stored, open alerts closed, no new alerts or supply orders. */
  async pauseMonitoring(id: string, now = new Date()): Promise<Device> {
    await this.db.run(async (tx) => {
      const device = await this.editable(tx, id);
      if (device.monitoringPausedAt) return;
      await this.repository.update(tx, id, {
        monitoringPausedAt: now,
        monitoringPausedBy: describeActor(tenantContext.get().actor),
      });
      const closed = await this.alerts.closeOpenOfDevice(tx, id, now);
      await this.audit.record(tx, {
        action: 'device.monitoring.pause',
        targetType: 'Device',
        targetId: id,
        customerId: device.customerId,
        details: { alertsClosed: closed.length },
      });
    });
    return this.devices.get(id, now);
  }

  async resumeMonitoring(id: string): Promise<Device> {
    await this.db.run(async (tx) => {
      const device = await this.editable(tx, id);
      if (!device.monitoringPausedAt) return;
      await this.repository.update(tx, id, { monitoringPausedAt: null, monitoringPausedBy: null });
      await this.audit.record(tx, {
        action: 'device.monitoring.resume',
        targetType: 'Device',
        targetId: id,
        customerId: device.customerId,
        details: {
          pausedAt: device.monitoringPausedAt.toISOString(),
          pausedBy: device.monitoringPausedBy,
        },
      });
    });
    return this.devices.get(id);
  }

  private async editable(tx: Prisma.TransactionClient, id: string): Promise<DeviceRow> {
    const device = await this.repository.lock(tx, id);
    if (!device) throw new DeviceNotFoundError(id);
    if (device.mergedIntoId) throw new DeviceMergedError(id);
    return device;
  }
}
