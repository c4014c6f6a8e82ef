import { Injectable } from '@nestjs/common';
import type { Alert as AlertRow, Prisma } from '@prisma/client';

export type OpenAlert = {
  tenantId: string;
  customerId: string;
  deviceId: string | null;
  agentId: string | null;
  code: string;
  severity: 'INFO' | 'WARNING' | 'CRITICAL';
  source: string;
  message: string | null;
  /** prtAlertTrainingLevel of the alert-table row (RFC 3805), when the device gave one. */
  trainingLevel?: string | null;
  at: Date;
};

/** Alerts on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class AlertsRepository {
  /**
   * Opens the alert, or (already open for the subject and code) advances its last-seen time.
   * `inserted` tells the two apart, so only a real opening emits `alert.opened`.
   */
  async upsertOpen(
    tx: Prisma.TransactionClient,
    alert: OpenAlert,
  ): Promise<{ row: AlertRow; inserted: boolean }> {
    const openKey = `${alert.deviceId ?? alert.agentId}:${alert.code}`;
    const rows = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
      INSERT INTO alerts (tenant_id, id, customer_id, device_id, agent_id, code, severity, source, message, opened_at, last_seen_at, open_key)
      VALUES (${alert.tenantId}::uuid, gen_random_uuid(), ${alert.customerId}::uuid, ${alert.deviceId}::uuid, ${alert.agentId}::uuid,
              ${alert.code}, ${alert.severity}::"AlertSeverity", ${alert.source}, ${alert.message}, ${alert.at}, ${alert.at}, ${openKey})
      ON CONFLICT (tenant_id, open_key) DO UPDATE
        SET last_seen_at = GREATEST(alerts.last_seen_at, EXCLUDED.last_seen_at), message = EXCLUDED.message, severity = EXCLUDED.severity
      RETURNING id, (xmax = 0) AS inserted`;
    const { id, inserted } = rows[0]!;
    return { row: (await tx.alert.findFirst({ where: { id } }))!, inserted };
  }

  /**
   * `upsertOpen` for many alerts in one statement. Returns the ids of the alerts it opened
   * (the others were open already and only advanced their last-seen time).
   */
  async upsertOpenMany(
    tx: Prisma.TransactionClient,
    alerts: readonly OpenAlert[],
  ): Promise<string[]> {
    if (alerts.length === 0) return [];
    const rows = alerts.map((alert) => ({
      ...alert,
      openKey: `${alert.deviceId ?? alert.agentId}:${alert.code}`,
    }));
    const result = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
      INSERT INTO alerts (tenant_id, id, customer_id, device_id, agent_id, code, severity, source, message, training_level, opened_at, last_seen_at, open_key)
      SELECT a."tenantId", gen_random_uuid(), a."customerId", a."deviceId", a."agentId", a.code, a.severity::"AlertSeverity", a.source, a.message,
             a."trainingLevel", a.at, a.at, a."openKey"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS a("tenantId" uuid, "customerId" uuid, "deviceId" uuid, "agentId" uuid, code text, severity text, source text, message text,
             "trainingLevel" text, at timestamptz, "openKey" text)
      ON CONFLICT (tenant_id, open_key) DO UPDATE
        SET last_seen_at = GREATEST(alerts.last_seen_at, EXCLUDED.last_seen_at), message = EXCLUDED.message, severity = EXCLUDED.severity,
            training_level = EXCLUDED.training_level
      RETURNING id, (xmax = 0) AS inserted`;
    return result.filter((row) => row.inserted).map((row) => row.id);
  }

  /** Closes each alert at its own time; returns the closed rows. */
  async closeMany(
    tx: Prisma.TransactionClient,
    closing: readonly { id: string; at: Date }[],
  ): Promise<AlertRow[]> {
    if (closing.length === 0) return [];
    const closed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE alerts a SET closed_at = x.at, open_key = NULL
      FROM jsonb_to_recordset(${JSON.stringify(closing)}::jsonb) AS x(id uuid, at timestamptz)
      WHERE a.id = x.id AND a.closed_at IS NULL
      RETURNING a.id`;
    return this.byIds(
      tx,
      closed.map((row) => row.id),
    );
  }

  byIds(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<AlertRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.alert.findMany({ where: { id: { in: [...ids] } } });
  }

  /** Open alerts of these sources for many devices: one statement, only what reconciling needs. */
  openOfDevices(
    tx: Prisma.TransactionClient,
    tenantId: string,
    deviceIds: readonly string[],
    sources: readonly string[],
  ): Promise<{ id: string; deviceId: string; code: string }[]> {
    if (deviceIds.length === 0) return Promise.resolve([]);
    return tx.$queryRaw<{ id: string; deviceId: string; code: string }[]>`
      SELECT a.id, a.device_id AS "deviceId", a.code
      FROM alerts a
      WHERE a.tenant_id = ${tenantId}::uuid AND a.closed_at IS NULL
        AND a.device_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(deviceIds)}::jsonb)::uuid)
        AND a.source IN (SELECT jsonb_array_elements_text(${JSON.stringify(sources)}::jsonb))`;
  }

  openOf(tx: Prisma.TransactionClient, where: Prisma.AlertWhereInput): Promise<AlertRow[]> {
    return tx.alert.findMany({ where: { ...where, closedAt: null } });
  }

  /** The open alerts of many devices in one statement, oldest first. */
  openOfDeviceIds(tx: Prisma.TransactionClient, deviceIds: readonly string[]): Promise<AlertRow[]> {
    return tx.alert.findMany({
      where: { deviceId: { in: [...deviceIds] }, closedAt: null },
      orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
    });
  }

  async close(tx: Prisma.TransactionClient, ids: string[], at: Date): Promise<AlertRow[]> {
    if (ids.length === 0) return [];
    await tx.alert.updateMany({
      where: { id: { in: ids }, closedAt: null },
      data: { closedAt: at, openKey: null },
    });
    return tx.alert.findMany({ where: { id: { in: ids } } });
  }

  list(
    tx: Prisma.TransactionClient,
    filter: {
      open: boolean | null;
      severities: AlertRow['severity'][] | null;
      code: string | null;
      customerId: string | null;
      deviceId: string | null;
      agentId: string | null;
    },
    page: { take: number; before: { openedAt: Date; id: string } | null },
  ): Promise<AlertRow[]> {
    const before = page.before;
    return tx.alert.findMany({
      where: {
        ...(filter.open === true
          ? { closedAt: null }
          : filter.open === false
            ? { closedAt: { not: null } }
            : {}),
        ...(filter.severities ? { severity: { in: filter.severities } } : {}),
        ...(filter.code ? { code: filter.code } : {}),
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.deviceId ? { deviceId: filter.deviceId } : {}),
        ...(filter.agentId ? { agentId: filter.agentId, deviceId: null } : {}),
        ...(before
          ? {
              OR: [
                { openedAt: { lt: before.openedAt } },
                { openedAt: before.openedAt, id: { lt: before.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
      take: page.take,
    });
  }
}
