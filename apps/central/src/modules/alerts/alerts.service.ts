import { Inject, Injectable } from '@nestjs/common';
import type { Alert as AlertRow, Prisma } from '@prisma/client';
import {
  desiredAlerts,
  reconcileAlerts,
  UNREACHABLE_ALERT,
  type AlertTableEntry,
} from '@printbeat/domain';
import {
  decodeTimeCursor,
  toConnection,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import type { AlertsArgs } from './alert.inputs.js';
import { AlertSeverityEnum, type Alert } from './alert.model.js';
import { AlertsRepository, type OpenAlert } from './alerts.repository.js';

const DEVICE_SOURCES = ['DEVICE_STATUS', 'ALERT_TABLE'];

export type AlertDevice = {
  id: string;
  tenantId: string;
  customerId: string;
  agentId: string | null;
};

export type DeviceCondition = {
  /** When the reading was taken (the newest reading of an upload). */
  at: Date;
  /** hrPrinterDetectedErrorState bit names. */
  errors: readonly string[];
  /** Printer-MIB alert table rows. */
  alerts: readonly AlertTableEntry[];
  /** hrDeviceStatus name (RFC 2790), when the reading has one. */
  deviceStatus?: string | null;
};

/** Opens and closes alerts and tells webhooks; lists them. */
@Injectable()
export class AlertsService {
  constructor(
    @Inject(AlertsRepository) private readonly repository: AlertsRepository,
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  /**
   * For ingest, inside the upload's transaction, with the device's newest reading (skip it
   * when the device already showed a newer status): opens what the status bits and alert table
   * show, closes device alerts they no longer show, emits alert.opened / alert.closed.
   */
  async syncFromReading(
    tx: Prisma.TransactionClient,
    device: { id: string; tenantId: string; customerId: string; agentId: string | null },
    condition: DeviceCondition,
  ): Promise<{ opened: Alert[]; closed: Alert[] }> {
    const desired = desiredAlerts(condition);
    const open = await this.repository.openOf(tx, {
      deviceId: device.id,
      source: { in: DEVICE_SOURCES },
    });
    const changes = reconcileAlerts(
      open.map((alert) => alert.code),
      desired,
    );
    const opened: Alert[] = [];
    for (const alert of desired) {
      const result = await this.openOrTouch(tx, {
        tenantId: device.tenantId,
        customerId: device.customerId,
        deviceId: device.id,
        agentId: device.agentId,
        code: alert.code,
        severity: alert.severity,
        source: alert.source,
        message: alert.message,
        at: condition.at,
      });
      if (result) opened.push(result);
    }
    const closing = open
      .filter((alert) => changes.close.includes(alert.code))
      .map((alert) => alert.id);
    const closed = await this.closeAll(tx, closing, condition.at);
    return { opened, closed };
  }

  /**
   * `syncFromReading` for many devices (an upload) in a few statements: their open device
   * alerts in one query, every desired alert opened or touched in one statement, the rest
   * closed in one. Events as there.
   */
  async syncFromReadings(
    tx: Prisma.TransactionClient,
    items: readonly { device: AlertDevice; condition: DeviceCondition }[],
  ): Promise<{ opened: Alert[]; closed: Alert[] }> {
    if (items.length === 0) return { opened: [], closed: [] };
    const open = await this.repository.openOfDevices(
      tx,
      items[0]!.device.tenantId,
      items.map((item) => item.device.id),
      DEVICE_SOURCES,
    );
    const openOf = new Map<string, typeof open>();
    for (const alert of open) {
      const list = openOf.get(alert.deviceId);
      if (list) list.push(alert);
      else openOf.set(alert.deviceId, [alert]);
    }
    const upserts: OpenAlert[] = [];
    const closing: { id: string; at: Date }[] = [];
    for (const { device, condition } of items) {
      const desired = desiredAlerts(condition);
      const current = openOf.get(device.id) ?? [];
      const changes = reconcileAlerts(
        current.map((alert) => alert.code),
        desired,
      );
      for (const alert of desired) {
        upserts.push({
          tenantId: device.tenantId,
          customerId: device.customerId,
          deviceId: device.id,
          agentId: device.agentId,
          code: alert.code,
          severity: alert.severity,
          source: alert.source,
          message: alert.message,
          trainingLevel: alert.trainingLevel ?? null,
          at: condition.at,
        });
      }
      for (const alert of current)
        if (changes.close.includes(alert.code)) closing.push({ id: alert.id, at: condition.at });
    }
    const openedIds = await this.repository.upsertOpenMany(tx, upserts);
    const opened = (await this.repository.byIds(tx, openedIds)).map(toAlert);
    const closed = (await this.repository.closeMany(tx, closing)).map(toAlert);
    await this.webhooks.emitMany(tx, [
      ...opened.map((model) => ({ type: 'alert.opened' as const, data: eventData(model) })),
      ...closed.map((model) => ({ type: 'alert.closed' as const, data: eventData(model) })),
    ]);
    return { opened, closed };
  }

  /**
   * For ingest: printers their agent reports as not answering get UNREACHABLE (opened once,
   * `alert.opened`); a device's next reading closes it like any status alert.
   */
  async openUnreachable(
    tx: Prisma.TransactionClient,
    items: readonly { device: AlertDevice; since: Date }[],
  ): Promise<Alert[]> {
    const openedIds = await this.repository.upsertOpenMany(
      tx,
      items.map(({ device, since }) => ({
        tenantId: device.tenantId,
        customerId: device.customerId,
        deviceId: device.id,
        agentId: device.agentId,
        code: UNREACHABLE_ALERT.code,
        severity: UNREACHABLE_ALERT.severity,
        source: UNREACHABLE_ALERT.source,
        message: UNREACHABLE_ALERT.message,
        at: since,
      })),
    );
    const opened = (await this.repository.byIds(tx, openedIds)).map(toAlert);
    await this.webhooks.emitMany(
      tx,
      opened.map((model) => ({ type: 'alert.opened' as const, data: eventData(model) })),
    );
    return opened;
  }

  /**
   * Opens (emitting alert.opened, and `extraEvent` with the same alert as its data) or touches
   * an alert; returns it when newly opened.
   */
  async openOrTouch(
    tx: Prisma.TransactionClient,
    alert: OpenAlert,
    extraEvent?: 'agent.silent' | 'device.silent' | 'agent.health',
  ): Promise<Alert | null> {
    const { row, inserted } = await this.repository.upsertOpen(tx, alert);
    if (!inserted) return null;
    const model = toAlert(row);
    await this.webhooks.emit(tx, { type: 'alert.opened', data: eventData(model) });
    if (extraEvent) await this.webhooks.emit(tx, { type: extraEvent, data: eventData(model) });
    return model;
  }

  /** Every open alert of the device closed (it stopped being monitored), with alert.closed. */
  async closeOpenOfDevice(
    tx: Prisma.TransactionClient,
    deviceId: string,
    at: Date,
  ): Promise<Alert[]> {
    const open = await this.repository.openOfDeviceIds(tx, [deviceId]);
    return this.closeAll(
      tx,
      open.map((alert) => alert.id),
      at,
    );
  }

  async closeAll(tx: Prisma.TransactionClient, ids: string[], at: Date): Promise<Alert[]> {
    const rows = await this.repository.close(tx, ids, at);
    const models = rows.map(toAlert);
    await this.webhooks.emitMany(
      tx,
      models.map((model) => ({ type: 'alert.closed' as const, data: eventData(model) })),
    );
    return models;
  }

  async list(args: AlertsArgs): Promise<ConnectionShape<Alert>> {
    const first = args.first ?? 20;
    const before = args.after ? decodeTimeCursor(args.after, 'openedAt') : null;
    const rows = await this.db.run((tx) =>
      this.repository.list(
        tx,
        {
          open: args.open ?? null,
          severities: args.severity ?? null,
          code: args.code ?? null,
          customerId: args.customerId ?? null,
          deviceId: args.deviceId ?? null,
          agentId: args.agentId ?? null,
        },
        { take: first + 1, before },
      ),
    );
    return toConnection(
      rows,
      first,
      (row) => ({ openedAt: row.openedAt.toISOString(), id: row.id }),
      toAlert,
    );
  }
}

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    customerId: row.customerId,
    deviceId: row.deviceId,
    agentId: row.agentId,
    code: row.code,
    severity: AlertSeverityEnum[row.severity],
    source: row.source,
    message: row.message,
    trainingLevel: row.trainingLevel,
    openedAt: row.openedAt,
    lastSeenAt: row.lastSeenAt,
    closedAt: row.closedAt,
  };
}

function eventData(alert: Alert): Record<string, unknown> {
  return {
    ...alert,
    openedAt: alert.openedAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    closedAt: alert.closedAt?.toISOString() ?? null,
  };
}
