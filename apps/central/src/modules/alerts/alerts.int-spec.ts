import type { Agent, Device } from '@prisma/client';
import { JobsModule } from '../../platform/jobs/jobs.module.js';
import {
  createApiKeyFor,
  inTenant,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AlertsModule } from './alerts.module.js';
import { AlertsService } from './alerts.service.js';
import { SILENCE_CHECK_JOB, SilenceMonitor } from './silence-monitor.js';

const HOUR = 3_600_000;

describe('alerts and silence alarms (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  let alerts: AlertsService;
  let monitor: SilenceMonitor;
  let quietAgent: Agent;
  let busyAgent: Agent;
  let printer: Device;
  let unread: Device;
  let behindQuietAgent: Device;
  let keyA: string;
  const now = new Date();

  const openAlerts = async (token: string, deviceId?: string) => {
    const data = await t.client.ok<{
      alerts: {
        edges: {
          node: {
            code: string;
            severity: string;
            source: string;
            closedAt: string | null;
            deviceId: string | null;
            agentId: string | null;
          };
        }[];
      };
    }>(
      `query($deviceId: ID) { alerts(open: true, deviceId: $deviceId, first: 100) { edges { node { code severity source closedAt deviceId agentId } } } }`,
      { deviceId: deviceId ?? null },
      token,
    );
    return data.alerts.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    t = await startDomainTestApp([JobsModule, WebhooksModule, AlertsModule]);
    alerts = t.app.get(AlertsService);
    monitor = t.app.get(SilenceMonitor);
    a = await t.dealer();
    b = await t.dealer();
    keyA = await createApiKeyFor(t.client, a.adminToken, ['ALERTS_READ']);
    const agent = (lastContactAt: Date) =>
      t.prisma.agent.create({
        data: {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          siteId: a.site.id,
          hostname: 'agent',
          lastContactAt,
          enrolledAt: new Date(now.getTime() - 100 * HOUR),
        },
      });
    quietAgent = await agent(new Date(now.getTime() - 30 * HOUR));
    busyAgent = await agent(new Date(now.getTime() - HOUR));
    const device = (agentId: string, serial: string, lastSeenAt: Date) =>
      t.prisma.device.create({
        data: {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          siteId: a.site.id,
          agentId,
          serialNumber: serial,
          lastSeenAt,
        },
      });
    printer = await device(busyAgent.id, 'P-1', now);
    unread = await device(busyAgent.id, 'P-2', new Date(now.getTime() - 50 * HOUR));
    behindQuietAgent = await device(quietAgent.id, 'P-3', new Date(now.getTime() - 50 * HOUR));
    await t.client.ok(
      `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/none", eventTypes: [ALERT_OPENED, ALERT_CLOSED, AGENT_SILENT, DEVICE_SILENT] }) { secret } }`,
      {},
      a.adminToken,
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('opens and closes alerts from status bits and the alert table', async () => {
    const sync = (
      at: Date,
      errors: string[],
      table: { code: string; severity: string; group: string; description: string }[],
    ) =>
      t.asTenant(a.tenant.id, (tx) =>
        alerts.syncFromReading(tx, printer, { at, errors, alerts: table }),
      );

    const first = await sync(
      new Date(now.getTime() - 2 * HOUR),
      ['jammed', 'lowToner'],
      [
        {
          code: 'coverOpen',
          severity: 'critical',
          group: 'cover',
          description: 'Front cover open',
        },
      ],
    );
    expect(first.opened.map((x) => [x.code, x.severity, x.source])).toEqual([
      ['DOOR_OPEN', 'CRITICAL', 'ALERT_TABLE'],
      ['JAM', 'CRITICAL', 'DEVICE_STATUS'],
      ['TONER_LOW', 'WARNING', 'DEVICE_STATUS'],
    ]);
    expect((await openAlerts(keyA, printer.id)).map((x) => x.code).sort()).toEqual([
      'DOOR_OPEN',
      'JAM',
      'TONER_LOW',
    ]);

    // The same condition again opens nothing new.
    expect(
      (
        await sync(
          new Date(now.getTime() - HOUR),
          ['jammed', 'lowToner'],
          [
            {
              code: 'coverOpen',
              severity: 'critical',
              group: 'cover',
              description: 'Front cover open',
            },
          ],
        )
      ).opened,
    ).toEqual([]);

    // Jam cleared, cover closed: those close; toner low stays.
    const cleared = await sync(now, ['lowToner'], []);
    expect(cleared.opened).toEqual([]);
    expect(cleared.closed.map((x) => x.code).sort()).toEqual(['DOOR_OPEN', 'JAM']);
    expect(cleared.closed.every((x) => x.closedAt?.getTime() === now.getTime())).toBe(true);
    expect((await openAlerts(keyA, printer.id)).map((x) => x.code)).toEqual(['TONER_LOW']);

    const events = await t.prisma.webhookDelivery.findMany({
      where: { tenantId: a.tenant.id },
      select: { eventType: true },
    });
    expect(events.filter((e) => e.eventType === 'alert.opened')).toHaveLength(3);
    expect(events.filter((e) => e.eventType === 'alert.closed')).toHaveLength(2);
  }, 60_000);

  it('raises silence alarms per tenant settings and closes them when heard of again', async () => {
    const result = await inTenant(a.tenant.id, () => monitor.checkTenant(now));
    expect(result).toEqual({ opened: 2, closed: 0 });
    const silence = (await openAlerts(a.adminToken)).filter((x) => x.source === 'SILENCE_MONITOR');
    expect(silence.map((x) => [x.code, x.agentId, x.deviceId]).sort()).toEqual(
      [
        ['AGENT_SILENT', quietAgent.id, null],
        ['DEVICE_SILENT', busyAgent.id, unread.id],
      ].sort(),
    );
    // A device behind a silent agent does not raise its own alarm.
    expect(silence.some((x) => x.deviceId === behindQuietAgent.id)).toBe(false);
    const events = await t.prisma.webhookDelivery.findMany({
      where: { tenantId: a.tenant.id },
      select: { eventType: true },
    });
    expect(events.filter((e) => e.eventType === 'agent.silent')).toHaveLength(1);
    expect(events.filter((e) => e.eventType === 'device.silent')).toHaveLength(1);

    // Checking again changes nothing.
    expect(await inTenant(a.tenant.id, () => monitor.checkTenant(now))).toEqual({
      opened: 0,
      closed: 0,
    });

    // The agent calls again and the device is read: both close. A tenant setting of 60 h keeps
    // the other device quiet.
    await t.prisma.agent.update({
      where: { tenantId_id: { tenantId: a.tenant.id, id: quietAgent.id } },
      data: { lastContactAt: now },
    });
    await t.prisma.tenant.update({ where: { id: a.tenant.id }, data: { deviceSilenceHours: 60 } });
    expect(
      await inTenant(a.tenant.id, () => monitor.checkTenant(new Date(now.getTime() + 1000))),
    ).toEqual({ opened: 0, closed: 2 });
    expect((await openAlerts(a.adminToken)).filter((x) => x.source === 'SILENCE_MONITOR')).toEqual(
      [],
    );
  }, 60_000);

  it('another tenant sees none of these alerts; a key without alerts:read is refused', async () => {
    expect(await openAlerts(b.adminToken)).toEqual([]);
    const keyB = await createApiKeyFor(t.client, b.adminToken, ['ALERTS_READ']);
    expect(await openAlerts(keyB, printer.id)).toEqual([]);
    const meterKey = await createApiKeyFor(t.client, a.adminToken, ['METERS_READ']);
    const refused = await t.client.request(`{ alerts { edges { node { id } } } }`, {}, meterKey);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Tenant B's silence check does not touch tenant A.
    expect(await inTenant(b.tenant.id, () => monitor.checkTenant(now))).toEqual({
      opened: 0,
      closed: 0,
    });
  }, 60_000);

  it('the sweep queues one check per active dealer tenant, which runs in that tenant', async () => {
    const active = await t.dealer();
    const disabled = await t.dealer();
    await t.prisma.tenant.update({ where: { id: disabled.tenant.id }, data: { disabledAt: now } });
    for (const dealer of [active, disabled])
      await t.prisma.agent.create({
        data: {
          tenantId: dealer.tenant.id,
          customerId: dealer.customer.id,
          siteId: dealer.site.id,
          hostname: 'quiet',
          lastContactAt: new Date(now.getTime() - 30 * HOUR),
          enrolledAt: new Date(now.getTime() - 100 * HOUR),
        },
      });

    expect(await monitor.sweep()).toBeGreaterThanOrEqual(1);
    const checks = await t.prisma.$queryRawUnsafe<{ singleton_key: string }[]>(
      `SELECT singleton_key FROM "${t.config.jobQueueSchema}".job WHERE name = $1 AND singleton_key = ANY($2)`,
      SILENCE_CHECK_JOB,
      [`silence:${active.tenant.id}`, `silence:${disabled.tenant.id}`],
    );
    expect(checks.map((job) => job.singleton_key)).toEqual([`silence:${active.tenant.id}`]);

    const silentIn = (tenantId: string) =>
      t.prisma.alert.findMany({ where: { tenantId, code: 'AGENT_SILENT', closedAt: null } });
    // The sweep queued a check for every dealer tenant of the run's shared database (hundreds
    // by now); this tenant's may be among the last to run.
    const deadline = Date.now() + 150_000;
    while ((await silentIn(active.tenant.id)).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await silentIn(active.tenant.id)).toHaveLength(1);
    expect(await silentIn(disabled.tenant.id)).toEqual([]);
  }, 180_000);
});
