import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { isSilent } from '@printbeat/domain';
import { MONITORED_DEVICE_WHERE } from '../devices/device-monitoring.js';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AgentHealthCheck } from './agent-health-check.js';
import { AlertsService } from './alerts.service.js';

export const SILENCE_CHECK_JOB = 'silence.check-tenant';
export const SILENCE_SWEEP_JOB = 'silence.sweep';

/**
 * Raises AGENT_SILENT (an active agent has not called for `agentSilenceHours`) and
 * DEVICE_SILENT (a device has not been read for `deviceSilenceHours`, while its agent still
 * calls: a silent agent explains its devices) per tenant settings, and closes them when the
 * agent or device is heard of again; agent health alerts from the facts of the agents that
 * still call (`AgentHealthCheck`). A sweep every 5 minutes queues one check per tenant.
 */
@Injectable()
export class SilenceMonitor implements OnApplicationBootstrap {
  constructor(
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(AgentHealthCheck) private readonly health: AgentHealthCheck,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register<TenantJobData>({
      name: SILENCE_CHECK_JOB,
      actor: 'silence-monitor',
      handle: async () => void (await this.checkTenant()),
    });
    await this.jobs.registerPeriodic({
      name: SILENCE_SWEEP_JOB,
      cron: '*/5 * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** Explicit cross-tenant job: one check per active dealer tenant. */
  async sweep(): Promise<number> {
    const tenantIds = await this.platformDb.activeDealerTenantIds();
    for (const tenantId of tenantIds)
      await this.jobs.send(
        SILENCE_CHECK_JOB,
        { tenantId },
        { singletonKey: `silence:${tenantId}` },
      );
    return tenantIds.length;
  }

  /** The current tenant's check. */
  checkTenant(now = new Date()): Promise<{ opened: number; closed: number }> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const tenant = await tx.tenant.findFirst({ where: { id: tenantId } });
      if (!tenant) return { opened: 0, closed: 0 };
      let opened = 0;
      const deviceCutoff = new Date(now.getTime() - tenant.deviceSilenceHours * 3_600_000);

      const agents = await tx.agent.findMany({
        where: { status: 'ACTIVE' },
        select: {
          id: true,
          customerId: true,
          lastContactAt: true,
          enrolledAt: true,
          hostname: true,
          version: true,
          facts: true,
          clockOffsetSeconds: true,
        },
      });
      const silentAgents = new Set<string>();
      for (const agent of agents) {
        if (!isSilent(agent.lastContactAt ?? agent.enrolledAt, tenant.agentSilenceHours, now))
          continue;
        silentAgents.add(agent.id);
        const last = agent.lastContactAt?.toISOString() ?? 'never';
        const alert = await this.alerts.openOrTouch(
          tx,
          {
            tenantId,
            customerId: agent.customerId,
            deviceId: null,
            agentId: agent.id,
            code: 'AGENT_SILENT',
            severity: 'WARNING',
            source: 'SILENCE_MONITOR',
            message: `Agent ${agent.hostname ?? agent.id} silent since ${last}`,
            at: now,
          },
          'agent.silent',
        );
        if (alert) opened += 1;
      }

      // Candidates only: devices not seen since the cutoff (index on last_meter_read_at would
      // not do: an unchanged reading advances last_seen_at, not last_meter_read_at).
      const silentDevices = await tx.device.findMany({
        where: { mergedIntoId: null, lastSeenAt: { lt: deviceCutoff }, ...MONITORED_DEVICE_WHERE },
        select: { id: true, customerId: true, agentId: true, lastSeenAt: true, serialNumber: true },
      });
      const silentDeviceIds = new Set<string>();
      for (const device of silentDevices) {
        if (device.agentId && silentAgents.has(device.agentId)) continue;
        silentDeviceIds.add(device.id);
        const alert = await this.alerts.openOrTouch(
          tx,
          {
            tenantId,
            customerId: device.customerId,
            deviceId: device.id,
            agentId: device.agentId,
            code: 'DEVICE_SILENT',
            severity: 'WARNING',
            source: 'SILENCE_MONITOR',
            message: `Device ${device.serialNumber ?? device.id} not read since ${device.lastSeenAt.toISOString()}`,
            at: now,
          },
          'device.silent',
        );
        if (alert) opened += 1;
      }

      const open = await tx.alert.findMany({
        where: {
          closedAt: null,
          source: 'SILENCE_MONITOR',
          code: { in: ['AGENT_SILENT', 'DEVICE_SILENT'] },
        },
        select: { id: true, code: true, agentId: true, deviceId: true },
      });
      const toClose = open
        .filter((alert) =>
          alert.code === 'AGENT_SILENT'
            ? !silentAgents.has(alert.agentId ?? '')
            : !silentDeviceIds.has(alert.deviceId ?? ''),
        )
        .map((alert) => alert.id);
      const closed = await this.alerts.closeAll(tx, toClose, now);
      const health = await this.health.sync(
        tx,
        tenantId,
        agents.filter((agent) => !silentAgents.has(agent.id)),
        now,
      );
      return { opened: opened + health.opened, closed: closed.length + health.closed };
    });
  }
}
